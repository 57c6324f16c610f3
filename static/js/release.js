// Copy buttons for quote citations. Without this script each citation is a line to select by hand.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll(".quote .citation").forEach(function (citation) {
    var details = citation.closest("details");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-citation";
    button.textContent = "Copy quote with attribution";
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(citation.textContent.trim()).then(
        function () { status.textContent = "Copied."; },
        function () { details.open = true; status.textContent = "Could not copy: select the line instead."; }
      );
    });
    details.parentNode.insertBefore(button, details);
    details.parentNode.insertBefore(status, details);
    details.querySelector("summary").textContent = "Show citation";
  });
})();
