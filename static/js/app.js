// Behaviour of the frame. No inline scripts anywhere (Content-Security-Policy).
(function () {
  "use strict";

  // Sidebar collapse, remembered per browser.
  function setupSidebar() {
    var toggle = document.getElementById("sidebar-toggle");
    var sidebar = document.getElementById("app-sidebar");
    if (!toggle || !sidebar) return;
    if (window.localStorage.getItem("sidebar-collapsed") === "1") sidebar.classList.add("collapsed");
    toggle.addEventListener("click", function () {
      sidebar.classList.toggle("collapsed");
      window.localStorage.setItem("sidebar-collapsed", sidebar.classList.contains("collapsed") ? "1" : "0");
    });
  }

  // <form data-confirm="..."> asks before submitting (workflow steps say what will happen).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  // <select data-autosubmit> submits its form on change (language switch, page size).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit")) {
      if (el.form.hasAttribute("hx-get") && window.htmx) { window.htmx.trigger(el.form, "submit"); }
      else { el.form.submit(); }
    }
  });

  // Keep Bootstrap tooltips working on content htmx swaps in.
  function initTooltips(root) {
    if (!window.bootstrap) return;
    root.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
      window.bootstrap.Tooltip.getOrCreateInstance(el);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSidebar();
    initTooltips(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) { initTooltips(event.target); });
})();
