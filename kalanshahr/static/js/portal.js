// Installs the service worker that keeps recently read public news available offline.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () { navigator.serviceWorker.register("/sw.js", { scope: "/" }); });
}

// With the script running, a phone's menu folds behind its button (the CSS keys on the "js" class).
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("main-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  var words = document.getElementById("ui-text");
  words = words ? JSON.parse(words.textContent) : {};

  // A long list of tick boxes gets "select all" and "clear all" buttons.
  document.querySelectorAll("fieldset.choices").forEach(function (set) {
    var boxes = set.querySelectorAll("input[type=checkbox]");
    if (boxes.length < 6 || !words.selectAll) { return; }
    var bar = document.createElement("div");
    bar.className = "choice-tools";
    [[words.selectAll, true], [words.selectNone, false]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = pair[0];
      button.addEventListener("click", function () {
        // Only the boxes on show: after filtering the list (js/city-picker.js), "select all" means the matches.
        boxes.forEach(function (box) { if (!box.closest("[hidden]")) { box.checked = pair[1]; } });
      });
      bar.appendChild(button);
    });
    set.querySelector("legend").after(bar);
  });

  // A new meeting: choosing the series suggests its next number, unless the secretariat typed one.
  var series = document.querySelector("select[data-next-numbers]");
  var number = document.getElementById("id_number");
  if (series && number) {
    var next = JSON.parse(series.getAttribute("data-next-numbers"));
    var suggested = number.value;
    series.addEventListener("change", function () {
      if (number.value === "" || number.value === suggested) {
        suggested = number.value = next[series.value] ? String(next[series.value]) : "";
      }
    });
  }

  // A wide table that scrolls sideways (a phone) must be reachable by keyboard: its box takes the focus and is named
  // after the table's caption or the section's heading, told apart from the section itself.
  document.querySelectorAll(".table-scroll").forEach(function (box) {
    if (box.scrollWidth <= box.clientWidth || box.hasAttribute("tabindex")) { return; }
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    var section = box.closest("section");
    var title = box.querySelector("caption") || (section && section.querySelector("h2, h3")) ||
      document.querySelector("main h1");
    var name = title ? title.textContent.replace(/\s+/g, " ").trim() : "";
    box.setAttribute("aria-label", name ? name + " (" + (words.wideTable || "") + ")" : (words.wideTable || ""));
  });

  // The captcha's "another sum" button: a new picture, key and spoken question, without reloading the form.
  document.querySelectorAll(".captcha-refresh").forEach(function (button) {
    if (!window.fetch) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var box = button.closest(".captcha-box");
      var field = box.parentNode;
      fetch(button.getAttribute("data-refresh-url"), { credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          var image = box.querySelector("img.captcha");
          image.src = data.image_url;
          image.srcset = data.image_url + " 1x, " + data.image_url.replace(/\/$/, "@2/") + " 2x";
          field.querySelector('input[type="hidden"][name$="_0"]').value = data.key;
          var spoken = box.querySelector(".captcha-spoken");
          if (spoken) { spoken.textContent = data.spoken; }
          var answer = field.querySelector('input[name$="_1"]');
          answer.value = "";
          answer.focus();
        })
        .catch(function () {});
    });
  });

  // The counts of what waits for the reader and of their unread notifications, on the menu's links; fetched
  // after the page shows so that no page waits for them.
  var counted = document.querySelector("[data-task-counts]");
  if (counted && window.fetch) {
    fetch(counted.getAttribute("data-task-counts"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var format = new Intl.NumberFormat(document.documentElement.lang || "fa");
        counted.querySelectorAll("[data-count]").forEach(function (badge) {
          var count = data[badge.getAttribute("data-count")];
          if (!count) { return; }
          badge.textContent = format.format(count);
          badge.setAttribute("aria-label", format.format(count) + " " + badge.getAttribute("data-label"));
          badge.hidden = false;
        });
      })
      .catch(function () {});
  }
});
