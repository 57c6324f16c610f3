/* A "Copy" button beside each shared link on the release form (progressive enhancement: the
   address is printed as a link, selectable and copyable by hand without this script). */
(function () {
  "use strict";

  function copied(button, ok) {
    button.textContent = ok ? "Copied" : "Select and copy the link";
    window.setTimeout(function () { button.textContent = "Copy link"; }, 2000);
  }

  function copy(link, button) {
    var url = link.getAttribute("href");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { copied(button, true); }, function () { select(link, button); });
    } else {
      select(link, button);
    }
  }

  function select(link, button) {
    var range = document.createRange();
    range.selectNodeContents(link);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    copied(button, ok);
  }

  function enhance() {
    document.querySelectorAll("a.shared-link").forEach(function (link) {
      if (link.nextElementSibling && link.nextElementSibling.classList.contains("copy-link")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link button";
      button.textContent = "Copy link";
      button.setAttribute("aria-label", "Copy link " + link.getAttribute("href"));
      button.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () { copy(link, button); });
      link.insertAdjacentElement("afterend", button);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
}());
