// The article's rich-text editor (Trix) over the form's textarea. Without scripts the textarea stays, and the
// server sanitizes whatever HTML it receives the same way (portal/richtext.py).
(function () {
  "use strict";
  function attach(textarea) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = textarea.name;
    input.id = textarea.id + "_html";
    input.value = textarea.value;
    var editor = document.createElement("trix-editor");
    editor.setAttribute("input", input.id);
    editor.className = "form-control trix-content";
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) { label.id = label.id || textarea.id + "_label"; editor.setAttribute("aria-labelledby", label.id); }
    textarea.removeAttribute("name");
    textarea.hidden = true;
    textarea.after(input, editor);
  }
  // Photos go through the photo library, resized: no files dropped or pasted into the text.
  document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(attach);
  });
})();
