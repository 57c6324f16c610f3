/* The release form, a little easier (progressive enhancement: the form works without this).
   Choosing a quote's speaker fills in the title and organization as stored on the person,
   where they are still blank; they stay editable, since a release prints them as they were then. */
(function () {
  "use strict";
  var $ = window.django && window.django.jQuery;
  if (!$) { return; }

  function asPrintedUrl(select, id) {
    var autocomplete = select.getAttribute("data-ajax--url") || "";
    return autocomplete.replace(/autocomplete\/?$/, "") + "releases/person/" + encodeURIComponent(id) + "/as-printed/";
  }

  function say(row, text) {
    var note = row.querySelector(".prefill-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "prefill-note help";
      note.setAttribute("aria-live", "polite");
      row.appendChild(note);
    }
    note.textContent = text;
  }

  // select2's search boxes come without a label (axe: "form elements must have labels"): give them one.
  function labelSearchBoxes(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".select2-search__field:not([aria-label])")
      .forEach(function (box) {
        var container = box.closest(".select2-container");
        var select = container && container.previousElementSibling;
        var label = select && select.id && document.querySelector("label[for='" + select.id + "']");
        box.setAttribute("aria-label", "Search" + (label ? " " + label.textContent.replace(/:\s*$/, "") : ""));
      });
  }
  // A select2 box names itself by its chosen value alone: with nothing chosen it has no name (axe:
  // "ARIA input fields must have an accessible name"). Name it by its field's label, then the value.
  function labelComboboxes(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".select2-selection[role='combobox']")
      .forEach(function (box) {
        var container = box.closest(".select2-container");
        var select = container && container.previousElementSibling;
        var label = select && select.id && document.querySelector("label[for='" + select.id + "']");
        if (!label) { return; }
        if (!label.id) { label.id = select.id + "-label"; }
        var named = (box.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
        if (named.indexOf(label.id) === -1) {
          box.setAttribute("aria-labelledby", [label.id].concat(named).join(" "));
        }
        // Inside it, the chosen value is a read-only textbox: named by the label too (empty, it has no name).
        var shown = box.querySelector(".select2-selection__rendered[role='textbox']");
        if (shown && !shown.hasAttribute("aria-labelledby")) { shown.setAttribute("aria-labelledby", label.id); }
      });
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) { labelSearchBoxes(node); labelComboboxes(node); }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  $(function () { labelSearchBoxes(document); labelComboboxes(document); });

  $(document).on("change", "select[name^='quotes-'][name$='-speaker']", function () {
    var select = this;
    var id = select.value;
    if (!id) { return; }
    var prefix = select.name.replace(/-speaker$/, "");
    var title = document.getElementById("id_" + prefix + "-speaker_title");
    var org = document.getElementById("id_" + prefix + "-speaker_organization");
    fetch(asPrintedUrl(select, id), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (person) {
        if (!person) { return; }
        var filled = [];
        if (title && !title.value.trim() && person.title) {
          title.value = person.title;
          filled.push("title");
        }
        if (org && !org.value && person.organization) {
          $(org).append(new Option(person.organization.text, person.organization.id, true, true)).trigger("change");
          filled.push("organization");
        }
        if (filled.length) {
          say(select.closest("fieldset") || select.parentNode,
              "Filled in from " + person.name + "’s record (" + filled.join(" and ") +
              "): change it if this release printed it otherwise.");
        }
      })
      .catch(function () { /* nothing filled: the fields stay as typed */ });
  });
}());
