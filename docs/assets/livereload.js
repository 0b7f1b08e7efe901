// Live reload for `make serve` and `make preview` (civplan serve / civplan preview) under the
// site's Content-Security-Policy, which blocks the inline script that `mkdocs serve` injects.
// Loaded only in a preview (overrides/main.html); the published site never includes it.
// It asks MkDocs' own endpoint, /livereload/<epoch>/<id>: with epoch 0 it answers at once with
// the epoch of the site now served; with that epoch it answers when a newer build is ready.
(function () {
  "use strict";
  var id = Date.now();
  var timer = null;
  function poll(epoch) {
    var request = new XMLHttpRequest();
    request.onloadend = function () {
      var served = parseFloat(this.responseText);
      if (epoch !== null && served > epoch) {
        location.reload();
        return;
      }
      var next = isNaN(served) ? epoch : served;
      timer = setTimeout(function () { poll(next); }, this.status === 200 ? 0 : 3000);
    };
    request.open("GET", "/livereload/" + (epoch === null ? 0 : epoch) + "/" + id);
    request.send();
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && timer === null) { poll(null); }
  });
  poll(null);
})();
