// "New release from text": the rich paste area, shown only where this script runs, keeps
// the pasted formatting by copying its HTML into the form's hidden field. The server sanitizes it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var area = document.getElementById("rich-area");
    if (!area) return;
    var target = document.getElementById(area.dataset.target);
    area.closest(".rich-paste").hidden = false;
    var sync = function () { target.value = area.textContent.trim() ? area.innerHTML : ""; };
    area.addEventListener("input", sync);
    area.closest("form").addEventListener("submit", sync);
  });
})();
