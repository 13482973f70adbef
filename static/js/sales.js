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

  // --- The pipeline board ------------------------------------------------------------------
  // A card moves by drag and drop (HTML5 drag API) or by its "Move to" menu. The move shows at
  // once; the server (sales:opportunity_move, the transition service) decides: on refusal the
  // card goes back where it was and the reason is shown. Counts and sums follow the cards.

  function formatMoney(value) {
    return "¥" + value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function boardRoot() { return document.querySelector("#pipeline-board .pipeline-board"); }

  function fitBoard() {
    var board = boardRoot();
    if (!board) return;
    var main = document.getElementById("main");
    var bottom = main ? parseFloat(window.getComputedStyle(main).paddingBottom) || 0 : 0;
    var top = board.getBoundingClientRect().top + window.scrollY;
    var room = Math.floor(window.innerHeight - top - bottom - 2);
    board.style.setProperty("--board-height", Math.max(room, 288) + "px");
  }

  function refreshColumn(column) {
    if (!column) return;
    var cards = column.querySelectorAll(".pipeline-card");
    var total = 0;
    cards.forEach(function (card) { total += parseFloat(card.getAttribute("data-amount")) || 0; });
    var count = column.querySelector(".column-count");
    var sum = column.querySelector(".column-total");
    var empty = column.querySelector(".pipeline-empty");
    if (count) count.textContent = String(cards.length);
    if (sum) sum.textContent = formatMoney(total);
    if (empty) empty.hidden = cards.length > 0;
  }

  function showMessage(text, kind) {
    var box = document.getElementById("board-message");
    if (!box) return;
    box.innerHTML = "";
    var alert = document.createElement("div");
    alert.className = "alert alert-" + kind + " alert-dismissible shadow-sm py-2 mb-0";
    alert.setAttribute("role", kind === "danger" ? "alert" : "status");
    var body = document.createElement("div");
    body.className = "board-message-text";
    body.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close py-2";
    close.setAttribute("aria-label", box.getAttribute("data-close-label") || "Close");
    close.addEventListener("click", function () { box.innerHTML = ""; });
    alert.appendChild(body);
    alert.appendChild(close);
    box.appendChild(alert);
    if (kind !== "danger") {
      window.setTimeout(function () { if (box.contains(alert)) box.innerHTML = ""; }, 5000);
    }
  }

  function csrfToken(card) {
    var input = card.querySelector("input[name=csrfmiddlewaretoken]") ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function cardsOf(column) { return column.querySelector(".pipeline-cards"); }

  // Ask for the reason before closing as lost; resolves with the reason, or null if cancelled.
  function askLostReason() {
    return new Promise(function (resolve) {
      var dialog = document.getElementById("lost-dialog");
      var form = document.getElementById("lost-form");
      if (!dialog || !form || !window.bootstrap) { resolve(null); return; }
      var modal = window.bootstrap.Modal.getOrCreateInstance(dialog);
      var field = form.querySelector("textarea");
      var answered = false;
      field.value = "";
      function onSubmit(event) {
        event.preventDefault();
        if (!field.value.trim()) { field.focus(); return; }
        answered = true;
        modal.hide();
        resolve(field.value.trim());
      }
      function onHidden() {
        form.removeEventListener("submit", onSubmit);
        dialog.removeEventListener("hidden.bs.modal", onHidden);
        if (!answered) resolve(null);
      }
      form.addEventListener("submit", onSubmit);
      dialog.addEventListener("hidden.bs.modal", onHidden);
      dialog.addEventListener("shown.bs.modal", function () { field.focus(); }, { once: true });
      modal.show();
    });
  }

  function moveCard(card, toStage) {
    var board = boardRoot();
    if (!board || !card || card.classList.contains("moving")) return;
    var from = card.closest(".pipeline-column");
    var target = board.querySelector('.pipeline-column[data-stage="' + toStage + '"]');
    if (!from || !target || from === target) return;
    var reasonFirst = toStage === board.getAttribute("data-lost-stage") ? askLostReason() : Promise.resolve("");
    reasonFirst.then(function (reason) {
      if (reason === null) return; // cancelled: the card never left
      var nextSibling = card.nextElementSibling;
      cardsOf(target).insertBefore(card, cardsOf(target).firstChild);
      card.classList.add("moving");
      refreshColumn(from);
      refreshColumn(target);
      var body = new FormData();
      body.append("to", toStage);
      if (reason) body.append("reason", reason);
      fetch(card.getAttribute("data-move-url"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(card), "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" }
      }).then(function (response) {
        return response.json().catch(function () { return { ok: false, errors: [response.statusText] }; });
      }).then(function (answer) {
        if (answer.ok) {
          var holder = document.createElement("div");
          holder.innerHTML = answer.card.trim();
          var fresh = holder.firstElementChild;
          card.replaceWith(fresh);
          refreshColumn(target);
          showMessage(answer.message, "success");
          var toggle = fresh.querySelector(".move-toggle");
          if (toggle && document.activeElement === document.body) toggle.focus();
        } else {
          snapBack(card, from, nextSibling, target);
          showMessage((answer.errors || []).join(" "), "danger");
        }
      }).catch(function () {
        snapBack(card, from, nextSibling, target);
        showMessage(board.getAttribute("data-failed") || "", "danger");
      });
    });
  }

  function snapBack(card, from, nextSibling, target) {
    var list = cardsOf(from);
    if (nextSibling && nextSibling.parentNode === list) list.insertBefore(card, nextSibling);
    else list.insertBefore(card, list.querySelector(".pipeline-empty"));
    card.classList.remove("moving");
    card.classList.add("refused");
    card.setAttribute("data-refused", "1");
    window.setTimeout(function () { card.classList.remove("refused"); }, 1300);
    refreshColumn(from);
    refreshColumn(target);
    var toggle = card.querySelector(".move-toggle");
    if (toggle) toggle.focus({ preventScroll: true });
  }

  var dragged = null;

  function clearDropMarks() {
    document.querySelectorAll(".pipeline-column.drop-allowed, .pipeline-column.drop-over").forEach(function (col) {
      col.classList.remove("drop-allowed", "drop-over");
    });
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".pipeline-card[draggable=true]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-id"));
    var targets = (card.getAttribute("data-targets") || "").split(" ");
    document.querySelectorAll("#pipeline-board .pipeline-column").forEach(function (col) {
      if (targets.indexOf(col.getAttribute("data-stage")) !== -1) col.classList.add("drop-allowed");
    });
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearDropMarks();
  });
  document.addEventListener("dragover", function (event) {
    var column = dragged && event.target.closest && event.target.closest("#pipeline-board .pipeline-column");
    if (!column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".pipeline-column.drop-over").forEach(function (col) {
      if (col !== column) col.classList.remove("drop-over");
    });
    column.classList.add("drop-over");
  });
  document.addEventListener("drop", function (event) {
    var column = dragged && event.target.closest && event.target.closest("#pipeline-board .pipeline-column");
    if (!column) return;
    event.preventDefault();
    var card = dragged;
    dragged = null;
    card.classList.remove("dragging");
    clearDropMarks();
    moveCard(card, column.getAttribute("data-stage"));
  });

  // The "Move to" menu: the same move, from the keyboard (or without a mouse).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("move-menu")) return;
    var card = form.closest(".pipeline-card");
    var submitter = event.submitter;
    if (!card || !submitter || !submitter.value || !window.fetch) return; // plain form post
    event.preventDefault();
    moveCard(card, submitter.value);
  });

  // Fitted once the page is laid out, again when fonts and icons have loaded (the header may
  // wrap differently), and on every resize.
  document.addEventListener("DOMContentLoaded", fitBoard);
  window.addEventListener("load", fitBoard);
  window.addEventListener("resize", fitBoard);

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#line-table")) lineTotal();
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("#line-table")) lineTotal();
  });
  document.addEventListener("DOMContentLoaded", lineTotal);
})();
