// The entry form shows, as the value is typed, the status it would get against the period's target: the same
// rules as strategy/status.py (docs/status-rules.md). The explanation box shows only for a value off track, or
// when it already holds text; the server still decides on saving.
(function () {
  "use strict";

  function number(text) {
    var ascii = (text || "").trim()
      .replace(/[۰-۹]/g, function (c) { return "۰۱۲۳۴۵۶۷۸۹".indexOf(c); })
      .replace(/[٠-٩]/g, function (c) { return "٠١٢٣٤٥٦٧٨٩".indexOf(c); })
      .replace(/[٬,\s]/g, "").replace("٫", ".").replace("−", "-");
    return ascii !== "" && /^-?\d*\.?\d+$/.test(ascii) ? parseFloat(ascii) : null;
  }

  function status(value, row) {
    var target = row.getAttribute("data-target");
    if (target === null) { return "no_target"; }
    target = parseFloat(target);
    var tolerance = Math.abs(parseFloat(row.getAttribute("data-tolerance") || "0"));
    var direction = row.getAttribute("data-direction"), shortfall;
    if (direction === "higher_better") {
      shortfall = target - value;
    } else if (direction === "lower_better") {
      shortfall = value - target;
    } else {
      var high = row.getAttribute("data-target-high");
      if (high === null) { return "no_target"; }
      var low = Math.min(target, parseFloat(high));
      high = Math.max(target, parseFloat(high));
      shortfall = value < low ? low - value : value > high ? value - high : 0;
    }
    // Stored values have four decimals: compare at that precision, as the server's Decimals do.
    shortfall = Math.round(shortfall * 1e4) / 1e4;
    return shortfall <= 0 ? "on_track" : shortfall <= tolerance ? "at_risk" : "off_track";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-live-status]");
    var labels = document.getElementById("status-labels");
    if (!form || !labels) { return; }
    form.querySelectorAll("tr[data-indicator]").forEach(function (row) {
      var out = row.querySelector("output.live-status");
      if (!out) { return; }
      var value = row.querySelector("input[name^='value-']");
      var numerator = row.querySelector("input[name^='numerator-']");
      var denominator = row.querySelector("input[name^='denominator-']");
      var explanation = row.querySelector("label.explanation");
      var explanationBox = explanation && explanation.querySelector("input");

      function update() {
        var typed = null;
        if (value) {
          typed = number(value.value);
        } else if (numerator && denominator) {
          var n = number(numerator.value), d = number(denominator.value);
          typed = n !== null && d ? n / d * parseFloat(row.getAttribute("data-multiplier") || "1") : null;
        }
        var result = typed === null ? null : status(typed, row);
        out.textContent = "";
        if (result) {
          var badge = labels.content.querySelector(".kpi-" + result).cloneNode(true);
          out.appendChild(badge);
        }
        row.setAttribute("data-live-status", result || "");
        if (explanation) {
          explanation.hidden = !(result === "off_track" || (explanationBox && explanationBox.value.trim()));
        }
      }

      [value, numerator, denominator].forEach(function (input) {
        if (input) { input.addEventListener("input", update); }
      });
      update();
    });
  });
})();
