// Behaviour of the frame. No inline scripts anywhere (Content-Security-Policy).
(function () {
  "use strict";

  // Sidebar: on wide screens collapsed or not, remembered per browser; below the large
  // breakpoint (phones, small tablets) closed on every page load and opened over the page.
  var SMALL = window.matchMedia("(max-width: 991.98px)");

  function setupSidebar() {
    var toggle = document.getElementById("sidebar-toggle");
    var sidebar = document.getElementById("app-sidebar");
    var backdrop = document.getElementById("app-sidebar-backdrop");
    if (!toggle || !sidebar) return;
    if (window.localStorage.getItem("sidebar-collapsed") === "1") sidebar.classList.add("collapsed");
    toggle.setAttribute("aria-controls", "app-sidebar");

    function setOpen(open) {
      sidebar.classList.toggle("open", open);
      if (backdrop) backdrop.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    setOpen(false);

    toggle.addEventListener("click", function () {
      if (SMALL.matches) {
        setOpen(!sidebar.classList.contains("open"));
        return;
      }
      sidebar.classList.toggle("collapsed");
      window.localStorage.setItem("sidebar-collapsed", sidebar.classList.contains("collapsed") ? "1" : "0");
    });
    if (backdrop) backdrop.addEventListener("click", function () { setOpen(false); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && sidebar.classList.contains("open")) setOpen(false);
    });
    // Leaving the small layout (a tablet turned) closes the overlay.
    var onChange = function () { if (!SMALL.matches) setOpen(false); };
    if (SMALL.addEventListener) SMALL.addEventListener("change", onChange);
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

  // An address's map link (a[data-map-query]) is a geo: link, which Android opens in its map
  // app; iPhones and iPads open Apple Maps' link instead.
  function setupMapLinks(root) {
    var apple = /iPhone|iPad|iPod/.test(navigator.userAgent) ||
      (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
    if (!apple) return;
    root.querySelectorAll("a[data-map-query]").forEach(function (link) {
      link.href = "https://maps.apple.com/?q=" + encodeURIComponent(link.getAttribute("data-map-query"));
    });
  }

  // The top bar's search says less on a phone, where the box is narrow.
  function setupSearchPlaceholder() {
    var box = document.getElementById("topbar-search");
    if (!box || !box.hasAttribute("data-placeholder-small")) return;
    var full = box.getAttribute("placeholder");
    var small = box.getAttribute("data-placeholder-small");
    var apply = function () { box.setAttribute("placeholder", SMALL.matches ? small : full); };
    apply();
    if (SMALL.addEventListener) SMALL.addEventListener("change", apply);
  }

  // A record's tabs scroll sideways on a phone: the open tab is brought into view.
  function showActiveTab() {
    document.querySelectorAll(".record-tabs").forEach(function (tabs) {
      var active = tabs.querySelector(".nav-link.active");
      if (active && tabs.scrollWidth > tabs.clientWidth) {
        tabs.scrollLeft += active.getBoundingClientRect().left - tabs.getBoundingClientRect().left - 16;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    showActiveTab();
    setupSidebar();
    setupSearchPlaceholder();
    setupMapLinks(document);
    initTooltips(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) { initTooltips(event.target); });
})();
