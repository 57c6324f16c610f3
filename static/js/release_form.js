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
