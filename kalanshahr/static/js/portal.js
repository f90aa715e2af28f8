// Installs the service worker that keeps recently read public news available offline.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () { navigator.serviceWorker.register("/sw.js", { scope: "/" }); });
}
