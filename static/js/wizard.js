// The wizard works without this file. It only moves the focus to the error summary after a
// page came back with errors, so that screen-reader and keyboard users hear what went wrong.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary") || document.getElementById("conflict");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
  }
})();
