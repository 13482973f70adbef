// Sales pages. No inline scripts (Content-Security-Policy).
(function () {
  "use strict";

  // Proposal edit: the derived total of the annual premiums, as the user types.
  function lineTotal() {
    var out = document.getElementById("line-total");
    if (!out) return;
    var total = 0;
    document.querySelectorAll("#line-table tr.line-row").forEach(function (row) {
      var del = row.querySelector('input[name$="-DELETE"]');
      var premium = row.querySelector('input[name$="-annual_premium"]');
      if (!premium || (del && del.checked)) return;
      var value = parseFloat(premium.value);
      if (!isNaN(value)) total += value;
    });
    out.textContent = "¥" + total.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  // Board: keep keyboard focus on the board after a card moves (htmx swaps it).
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "pipeline-board") {
      var first = document.querySelector("#pipeline-board .move-next");
      if (first) first.focus();
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#line-table")) lineTotal();
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("#line-table")) lineTotal();
  });
  document.addEventListener("DOMContentLoaded", lineTotal);
})();
