/* okosys-plan app: after htmx redraws a page's results, mark the fields the server found
   wrong and unmark the others. The fields themselves are never redrawn, so nothing a user
   is typing is lost; the messages come from the list #field-errors in the redrawn part. */
(function () {
  "use strict";
  function mark() {
    var list = document.getElementById("field-errors");
    if (!list) {
      return;
    }
    var wrong = {};
    list.querySelectorAll("[data-for]").forEach(function (item) {
      wrong[item.getAttribute("data-for")] = item.textContent;
    });
    document.querySelectorAll("[data-note-for]").forEach(function (note) {
      var key = note.getAttribute("data-note-for");
      var text = wrong[key] || "";
      note.textContent = text;
      note.hidden = !text;
      var field = document.getElementById(key);
      if (field && field.tagName === "INPUT") {
        if (text) {
          field.setAttribute("aria-invalid", "true");
        } else {
          field.removeAttribute("aria-invalid");
        }
      }
    });
  }
  document.addEventListener("htmx:afterSettle", mark);
  /* A request the app refused (a form out of date after a restart) or could not serve:
     send the form the plain way, so the page says why, as it does without script. */
  document.addEventListener("htmx:responseError", function (event) {
    var source = event.detail && event.detail.elt;
    var form = source && (source.tagName === "FORM" ? source : source.closest("form"));
    if (form) {
      HTMLFormElement.prototype.submit.call(form);
    } else {
      window.location.reload();
    }
  });
}());
