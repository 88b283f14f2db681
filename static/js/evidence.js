// The documents step works without this file; it only warns early, before a long upload,
// about files the server would refuse for their size, and moves focus to an error summary.
(function () {
  "use strict";

  function formatSize(bytes) {
    var language = document.documentElement.lang || "de";
    var megabytes = bytes / (1024 * 1024);
    var number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    if (megabytes >= 1) {
      return number.format(megabytes) + "\u00a0MB";
    }
    return number.format(Math.max(1, Math.round(bytes / 1024))) + "\u00a0KB";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function check(input) {
    var box = input.closest("[data-size-check]");
    if (!box) {
      return;
    }
    var warning = box.querySelector("[data-size-warning]");
    if (!warning) {
      return;
    }
    var maxFile = Number(box.getAttribute("data-max-file-bytes"));
    var remaining = Number(box.getAttribute("data-remaining-bytes"));
    var messages = [];
    var total = 0;
    Array.prototype.forEach.call(input.files || [], function (file) {
      total += file.size;
      if (file.size > maxFile) {
        messages.push(
          fill(box.getAttribute("data-message-file"), {
            name: file.name,
            size: formatSize(file.size),
            limit: formatSize(maxFile),
          })
        );
      }
    });
    if (total > remaining) {
      messages.push(
        fill(box.getAttribute("data-message-total"), {
          size: formatSize(total),
          remaining: formatSize(remaining),
        })
      );
    }
    warning.textContent = messages.join(" ");
    warning.hidden = messages.length === 0;
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("input[type=file]")) {
      check(target);
    }
  });

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
