// Loads Bootstrap Italia's web fonts from the theme's static folder. Kept out of the page so
// that no inline script is needed under the Content-Security-Policy.
(function () {
  var script = document.currentScript;
  if (window.bootstrap && typeof window.bootstrap.loadFonts === "function" && script) {
    window.bootstrap.loadFonts(script.dataset.fonts);
  }
})();
