// A Jalali date picker for every text box marked data-jalali-date (lib.forms.JalaliDateInput).
//
// The box stays a plain text field that accepts typed dates in either script; the picker only writes into it,
// as YYYY/MM/DD like the server does. Jalali arithmetic comes from the browser's own Persian calendar (Intl), so
// nothing is downloaded. Keyboard: arrows move a day or a week (left is the next day in a right-to-left page),
// Page Up / Page Down a month (with Shift, a year), Home / End the week's ends, Enter picks, Escape closes.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var DAY = 864e5;
  var parts = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn",
    { timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric" });

  function toJalali(date) {
    var out = {};
    parts.formatToParts(date).forEach(function (part) { out[part.type] = parseInt(part.value, 10); });
    return { y: out.year, m: out.month, d: out.day };
  }

  // The UTC date of Jalali y/m/d: start near it and walk, since only the forward conversion is built in.
  function fromJalali(y, m, d) {
    var date = new Date(Date.UTC(y + 621, 2, 20) + ((m - 1) * 30.6 + d) * DAY);
    for (var step = 0; step < 60; step++) {
      var j = toJalali(date);
      var off = (y - j.y) * 366 + (m - j.m) * 30 + (d - j.d);
      if (off === 0) { return date; }
      date = new Date(date.getTime() + (off > 0 ? Math.max(1, Math.floor(off * 0.9)) : Math.min(-1, Math.ceil(off * 0.9))) * DAY);
    }
    return null;
  }

  function daysIn(y, m) {
    if (m <= 6) { return 31; }
    if (m <= 11) { return 30; }
    return toJalali(new Date(fromJalali(y, 12, 29).getTime() + DAY)).m === 12 ? 30 : 29;
  }

  function addDays(j, count) { return toJalali(new Date(fromJalali(j.y, j.m, j.d).getTime() + count * DAY)); }

  function addMonths(j, count) {
    var index = j.y * 12 + (j.m - 1) + count;
    var y = Math.floor(index / 12), m = index % 12 + 1;
    return { y: y, m: m, d: Math.min(j.d, daysIn(y, m)) };
  }

  function same(a, b) { return a && b && a.y === b.y && a.m === b.m && a.d === b.d; }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function parse(text) {
    var ascii = (text || "").replace(/[۰-۹]/g, function (c) { return "۰۱۲۳۴۵۶۷۸۹".indexOf(c); })
      .replace(/[٠-٩]/g, function (c) { return "٠١٢٣٤٥٦٧٨٩".indexOf(c); });
    var match = /^\s*(\d{4})\s*[-\/.]\s*(\d{1,2})\s*[-\/.]\s*(\d{1,2})\s*$/.exec(ascii);
    if (!match) { return null; }
    var j = { y: +match[1], m: +match[2], d: +match[3] };
    if (j.y > 1700) { return toJalali(new Date(Date.UTC(j.y, j.m - 1, j.d))); }
    return j.m >= 1 && j.m <= 12 && j.d >= 1 && j.d <= daysIn(j.y, j.m) ? j : null;
  }

  function text() {
    var node = document.getElementById("ui-text");
    return node ? JSON.parse(node.textContent).datePicker : null;
  }

  function Picker(input, words) {
    this.input = input;
    this.words = words;
    this.rtl = getComputedStyle(input.closest("[dir]") || document.documentElement).direction === "rtl" ||
      document.documentElement.dir === "rtl";
    this.digits = new Intl.NumberFormat(document.documentElement.lang === "fa" ? "fa" : "en", { useGrouping: false });
    this.build();
  }

  Picker.prototype.number = function (n) { return this.digits.format(n); };

  Picker.prototype.build = function () {
    var self = this, words = this.words;
    var wrap = document.createElement("span");
    wrap.className = "date-field";
    this.input.parentNode.insertBefore(wrap, this.input);
    wrap.appendChild(this.input);

    this.toggle = document.createElement("button");
    this.toggle.type = "button";
    this.toggle.className = "date-picker-toggle";
    this.toggle.setAttribute("aria-haspopup", "dialog");
    this.toggle.setAttribute("aria-expanded", "false");
    this.toggle.setAttribute("aria-label", words.open);
    this.toggle.title = words.open;
    this.toggle.innerHTML = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">' +
      '<path fill="currentColor" d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2zm12 8H5v9h14v-9zM5 8h14V6H5v2zm2 4h3v3H7v-3z"/></svg>';
    wrap.appendChild(this.toggle);

    this.dialog = document.createElement("div");
    this.dialog.className = "date-picker";
    this.dialog.setAttribute("role", "dialog");
    this.dialog.setAttribute("aria-label", words.dialog);
    this.dialog.hidden = true;
    this.dialog.innerHTML =
      '<div class="date-picker-head">' +
      '<button type="button" class="date-picker-prev"></button>' +
      '<span class="date-picker-title" aria-live="polite"></span>' +
      '<button type="button" class="date-picker-next"></button></div>' +
      '<table class="date-picker-grid" role="grid"><thead><tr></tr></thead><tbody></tbody></table>' +
      '<div class="date-picker-foot"><button type="button" class="link-button date-picker-today"></button>' +
      '<button type="button" class="link-button date-picker-close"></button></div>';
    wrap.appendChild(this.dialog);

    var prev = this.dialog.querySelector(".date-picker-prev"), next = this.dialog.querySelector(".date-picker-next");
    prev.setAttribute("aria-label", words.previous);
    prev.textContent = this.rtl ? "›" : "‹";
    next.setAttribute("aria-label", words.next);
    next.textContent = this.rtl ? "‹" : "›";
    this.dialog.querySelector(".date-picker-today").textContent = words.today;
    this.dialog.querySelector(".date-picker-close").textContent = words.close;
    var head = this.dialog.querySelector("thead tr");
    words.weekdays.forEach(function (name, index) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      th.title = words.weekdayNames[index];
      head.appendChild(th);
    });

    this.toggle.addEventListener("click", function () { self.dialog.hidden ? self.open() : self.close(true); });
    prev.addEventListener("click", function () { self.show(addMonths(self.focused, -1), false); });
    next.addEventListener("click", function () { self.show(addMonths(self.focused, 1), false); });
    this.dialog.querySelector(".date-picker-today").addEventListener("click", function () { self.pick(self.today()); });
    this.dialog.querySelector(".date-picker-close").addEventListener("click", function () { self.close(true); });
    this.dialog.querySelector("tbody").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-day]");
      if (button) { self.pick({ y: self.focused.y, m: self.focused.m, d: +button.getAttribute("data-day") }); }
    });
    this.dialog.addEventListener("keydown", function (event) { self.key(event); });
    document.addEventListener("mousedown", function (event) {
      if (!self.dialog.hidden && !wrap.contains(event.target)) { self.close(false); }
    });
  };

  Picker.prototype.today = function () { var now = new Date(); return toJalali(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()))); };

  Picker.prototype.open = function () {
    this.chosen = parse(this.input.value);
    this.dialog.hidden = false;
    this.toggle.setAttribute("aria-expanded", "true");
    this.show(this.chosen || this.today(), true);
  };

  Picker.prototype.close = function (refocus) {
    this.dialog.hidden = true;
    this.toggle.setAttribute("aria-expanded", "false");
    if (refocus) { this.toggle.focus(); }
  };

  Picker.prototype.pick = function (j) {
    this.input.value = j.y + "/" + pad(j.m) + "/" + pad(j.d);
    this.input.dispatchEvent(new Event("input", { bubbles: true }));
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.close(false);
    this.input.focus();
  };

  // Draws the month of `j` with `j` as the one focusable day (a roving tabindex).
  Picker.prototype.show = function (j, focusDay) {
    var words = this.words, today = this.today();
    this.focused = j;
    this.dialog.querySelector(".date-picker-title").textContent = words.months[j.m - 1] + " " + this.number(j.y);
    var first = fromJalali(j.y, j.m, 1);
    var lead = (first.getUTCDay() + 1) % 7;  // the week starts on Saturday
    var body = this.dialog.querySelector("tbody");
    body.textContent = "";
    var row = null, count = daysIn(j.y, j.m);
    for (var cell = 0; cell < lead + count; cell++) {
      if (cell % 7 === 0) { row = body.insertRow(); }
      var td = row.insertCell();
      if (cell < lead) { continue; }
      var day = cell - lead + 1, here = { y: j.y, m: j.m, d: day };
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-day", day);
      button.textContent = this.number(day);
      button.setAttribute("aria-label", this.number(day) + " " + words.months[j.m - 1] + " " + this.number(j.y));
      button.tabIndex = day === j.d ? 0 : -1;
      if (same(here, today)) { button.classList.add("is-today"); button.setAttribute("aria-current", "date"); }
      if (same(here, this.chosen)) { button.classList.add("is-chosen"); td.setAttribute("aria-selected", "true"); }
      td.setAttribute("role", "gridcell");
      td.appendChild(button);
    }
    if (focusDay !== false) { body.querySelector('button[tabindex="0"]').focus(); }
  };

  Picker.prototype.key = function (event) {
    if (event.key === "Escape") { event.preventDefault(); this.close(true); return; }
    if (!event.target.closest("tbody")) { return; }
    var j = this.focused, weekday = (fromJalali(j.y, j.m, j.d).getUTCDay() + 1) % 7, to = null;
    var forward = this.rtl ? "ArrowLeft" : "ArrowRight", back = this.rtl ? "ArrowRight" : "ArrowLeft";
    switch (event.key) {
      case forward: to = addDays(j, 1); break;
      case back: to = addDays(j, -1); break;
      case "ArrowDown": to = addDays(j, 7); break;
      case "ArrowUp": to = addDays(j, -7); break;
      case "PageDown": to = addMonths(j, event.shiftKey ? 12 : 1); break;
      case "PageUp": to = addMonths(j, event.shiftKey ? -12 : -1); break;
      case "Home": to = addDays(j, -weekday); break;
      case "End": to = addDays(j, 6 - weekday); break;
      default: return;
    }
    event.preventDefault();
    this.show(to, true);
  };

  document.addEventListener("DOMContentLoaded", function () {
    var words = text();
    if (!words) { return; }
    document.querySelectorAll("input[data-jalali-date]").forEach(function (input) { new Picker(input, words); });
  });
})();
