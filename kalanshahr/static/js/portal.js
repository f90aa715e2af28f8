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

  // The count of what waits for the reader, on the "My tasks" link; fetched after the page shows.
  var badge = document.querySelector("[data-task-counts]");
  if (badge && window.fetch) {
    fetch(badge.getAttribute("data-task-counts"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.total) { return; }
        var shown = new Intl.NumberFormat(document.documentElement.lang || "fa").format(data.total);
        badge.textContent = shown;
        badge.setAttribute("aria-label", shown + " " + badge.getAttribute("data-label"));
        badge.hidden = false;
      })
      .catch(function () {});
  }
});
