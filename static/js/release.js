// Copy buttons for quote citations. Without this script each citation is a line to select by hand.
// Their words come from the page (data-* on the citation's <details>), in the page's language.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll(".quote .citation").forEach(function (citation) {
    var details = citation.closest("details");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-citation";
    var words = details.dataset;
    button.textContent = words.copy || "Copy quote with attribution";
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(citation.textContent.trim()).then(
        function () { status.textContent = words.copied || "Copied."; },
        function () { details.open = true; status.textContent = words.failed || "Could not copy: select the line instead."; }
      );
    });
    details.parentNode.insertBefore(button, details);
    details.parentNode.insertBefore(status, details);
    details.querySelector("summary").textContent = words.show || "Show citation";
  });
})();

// "Cite this release": a page served from a cache may carry the day it was drawn; the access date
// is the reader's today. Without this script it is the day the server drew the page.
(function () {
  "use strict";
  var today = new Date();
  var iso = [today.getFullYear(), String(today.getMonth() + 1).padStart(2, "0"), String(today.getDate()).padStart(2, "0")].join("-");
  var long = today.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  document.querySelectorAll(".cite-release time.access-date").forEach(function (time) {
    if (time.getAttribute("datetime") !== iso) {
      time.setAttribute("datetime", iso);
      time.textContent = long;
    }
  });
})();
