// The package page works without this file: the form posts, the build runs in the request and
// the browser waits for the result page. This only shows that something is happening and
// stops a second click from starting a second build.
(function () {
  "use strict";

  var form = document.querySelector("[data-build-form]");
  if (form) {
    var button = form.querySelector("[data-build-button]");
    var status = form.querySelector("[data-build-status]");
    form.addEventListener("submit", function () {
      if (status) {
        status.hidden = false;
      }
      if (button) {
        // Disabled after the submit has started, so the browser still sends the form.
        window.setTimeout(function () {
          button.disabled = true;
        }, 0);
      }
    });
    // Coming back with the browser's back button may restore the page as it was left.
    window.addEventListener("pageshow", function () {
      if (button) {
        button.disabled = false;
      }
      if (status) {
        status.hidden = true;
      }
    });
  }

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
