// First script on the page: counts script errors, so a browser check can tell that the page ran cleanly.
(function () {
  var errors = 0;
  window.addEventListener('error', function (event) {
    if (event.target && event.target !== window) {
      return; // a resource (e.g. a missing thumbnail), not a script error: the load check counts those
    }
    errors++;
    document.documentElement.setAttribute('data-script-errors', String(errors));
  }, true);
})();
