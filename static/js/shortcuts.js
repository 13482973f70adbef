// Keyboard shortcuts (the "?" sheet lists them: templates/_shortcuts.html):
//   /           focus the search (the list's own, else the top bar's)
//   n           open "new" on a list ([data-shortcut="new"])
//   Ctrl+Enter  save the form being typed in (Cmd+Enter on a Mac)
//   Esc         close the open dialog or menu (Bootstrap), or leave the search
//   ?           show the sheet of shortcuts
// and the cursor starts in the first field of an entry form ([data-autofocus]).
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function openDialog() {
    return document.querySelector(".modal.show, .dropdown-menu.show, .offcanvas.show");
  }

  function focusSearch() {
    var field = document.querySelector('#filter-form input[name="q"]') ||
      document.getElementById("topbar-search");
    if (field) { field.focus(); field.select(); return true; }
    return false;
  }

  function showSheet() {
    var sheet = document.getElementById("shortcuts-sheet");
    if (sheet && window.bootstrap) { window.bootstrap.Modal.getOrCreateInstance(sheet).show(); }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      var form = target && target.form;
      if (form && form.method.toLowerCase() === "post") {
        event.preventDefault();
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      }
      return;
    }
    if (event.key === "Escape" && typing(target) && target.type === "search") {
      target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(target) || openDialog()) return;
    if (event.key === "/") {
      if (focusSearch()) event.preventDefault();
    } else if (event.key === "n") {
      var add = document.querySelector('[data-shortcut="new"]');
      if (add) { event.preventDefault(); add.click(); }
    } else if (event.key === "?") {
      event.preventDefault();
      showSheet();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-autofocus]");
    if (!form || (document.activeElement && document.activeElement !== document.body)) return;
    var first = form.querySelector(
      "input:not([type=hidden]):not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled])"
    );
    if (first) first.focus();
  });
})();
