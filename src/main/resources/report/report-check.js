// After load: counts thumbnails that decoded and those that did not, and marks broken ones, so a person sees them
// and a headless browser check can read the result from the DOM.
window.addEventListener('load', function () {
  var thumbs = document.querySelectorAll('img.thumb');
  var loaded = 0;
  var broken = 0;
  for (var i = 0; i < thumbs.length; i++) {
    if (thumbs[i].complete && thumbs[i].naturalWidth > 0) {
      loaded++;
    } else {
      broken++;
      thumbs[i].parentNode.classList.add('missing');
      thumbs[i].alt = 'missing thumbnail';
    }
  }
  var body = document.body;
  body.setAttribute('data-thumbs-loaded', String(loaded));
  body.setAttribute('data-thumbs-broken', String(broken));
  body.setAttribute('data-report-ready', 'yes');
});
