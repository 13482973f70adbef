// Bulk actions on a list (core.bulk): tick rows (or the page), offer "all N matching this
// filter", show the action bar while something is selected. The table is swapped by htmx
// (filters, pages, sorting): the selection starts again with each new table.
(function () {
  "use strict";

  function parts(el) {
    var area = el.closest(".table-area");
    if (!area) return null;
    var form = area.querySelector("#bulk-form");
    if (!form) return null;
    return {
      area: area,
      form: form,
      rows: Array.prototype.slice.call(area.querySelectorAll("input.bulk-row")),
      page: area.querySelector("input.bulk-page"),
      all: form.querySelector("input.bulk-all"),
    };
  }

  function update(p) {
    var ticked = p.rows.filter(function (box) { return box.checked; }).length;
    var total = parseInt(p.form.getAttribute("data-total"), 10) || 0;
    var everyRow = p.rows.length > 0 && ticked === p.rows.length;
    var all = p.all.value === "1";
    if (p.page) {
      p.page.checked = everyRow;
      p.page.indeterminate = ticked > 0 && !everyRow;
    }
    var count = all ? total : ticked;
    p.form.classList.toggle("d-none", count === 0);
    p.form.querySelector(".bulk-count").textContent =
      p.form.getAttribute("data-selected-text") + " " + count.toLocaleString();
    p.form.querySelector(".bulk-all-offer").classList.toggle("d-none", all || !everyRow || total <= p.rows.length);
    p.form.querySelector(".bulk-all-chosen").classList.toggle("d-none", !all);
  }

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.classList || !(el.classList.contains("bulk-row") || el.classList.contains("bulk-page"))) return;
    var p = parts(el);
    if (!p) return;
    if (el.classList.contains("bulk-page")) {
      p.rows.forEach(function (box) { box.checked = el.checked; });
    }
    if (!el.checked) p.all.value = "";
    update(p);
  });

  document.addEventListener("click", function (event) {
    var el = event.target.closest && event.target.closest(".bulk-select-all, .bulk-clear");
    if (!el) return;
    var p = parts(el);
    if (!p) return;
    if (el.classList.contains("bulk-select-all")) {
      p.all.value = "1";
    } else {
      p.all.value = "";
      p.rows.forEach(function (box) { box.checked = false; });
    }
    update(p);
    var focus = p.form.querySelector(el.classList.contains("bulk-select-all") ? ".bulk-clear" : "#bulk-action");
    if (focus && !el.classList.contains("bulk-clear")) focus.focus();
  });

  // A page restored from the browser's cache keeps ticked boxes: show the bar for them.
  window.addEventListener("pageshow", function () {
    var box = document.querySelector("input.bulk-row");
    var p = box && parts(box);
    if (p) update(p);
  });
})();
