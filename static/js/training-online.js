// Online learning: the player reports progress; the test page shows the time left, saves
// answers as they are given and hands the test in when the time is up. No framework; the
// server decides what counts (time is capped and the deadline is measured there).
(function () {
  "use strict";

  var REPORT_EVERY = 15; // seconds

  function csrfToken(root) {
    var input = (root || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, data, token) {
    var body = new FormData();
    Object.keys(data).forEach(function (key) { body.append(key, data[key]); });
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) { return response.json(); });
  }

  // --- the player -------------------------------------------------------------------------
  function setupPlayer(card) {
    var url = card.getAttribute("data-progress-url");
    var token = csrfToken(card);
    var video = document.getElementById("unit-video");
    var done = card.getAttribute("data-done") === "1";
    var pending = 0; // seconds spent since the last report
    var lastTick = null;
    var sending = false;

    function report(extra) {
      if (sending && !(extra && extra.ended)) return;
      var data = { seconds: Math.round(pending), position: video ? Math.floor(video.currentTime || 0) : 0 };
      if (extra && extra.ended) data.ended = "1";
      pending = 0;
      sending = true;
      post(url, data, token).then(function (answer) {
        sending = false;
        if (!answer.ok) return;
        var percent = document.getElementById("course-percent");
        if (percent) percent.textContent = answer.course_percent;
        var bar = document.getElementById("course-progress");
        if (bar) bar.value = answer.course_percent;
        var count = document.getElementById("course-done");
        if (count) count.textContent = answer.course_done;
        if (answer.done && !done) {
          done = true;
          window.location.reload(); // the unit list, the test button and the badges follow
        }
      }).catch(function () { sending = false; });
    }

    if (video) {
      var start = parseInt(card.getAttribute("data-start") || "0", 10);
      video.addEventListener("loadedmetadata", function () {
        if (start > 0 && (!video.duration || start < video.duration - 1)) video.currentTime = start;
      });
      video.addEventListener("timeupdate", function () {
        var now = Date.now();
        if (!video.paused && lastTick !== null) {
          var step = (now - lastTick) / 1000;
          if (step > 0 && step < 2) pending += step;
        }
        lastTick = video.paused ? null : now;
        if (pending >= REPORT_EVERY) report();
      });
      video.addEventListener("pause", function () { lastTick = null; report(); });
      video.addEventListener("ended", function () { lastTick = null; report({ ended: true }); });
    } else {
      // A document or a link: the time the page is in front of the learner counts.
      window.setInterval(function () {
        if (document.visibilityState === "visible") {
          pending += 5;
          if (pending >= REPORT_EVERY) report();
        }
      }, 5000);
      report(); // opening the unit is recorded at once
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && pending >= 1) report();
    });
  }

  // --- the test ---------------------------------------------------------------------------
  function setupTest(form) {
    var timer = document.getElementById("timer");
    var token = csrfToken(form);
    var saveUrl = form.getAttribute("data-save-url");
    var left = parseInt(timer.getAttribute("data-seconds") || "0", 10);
    var endsAt = Date.now() + left * 1000;
    var handedIn = false;

    function handIn() {
      if (handedIn) return;
      handedIn = true;
      form.removeAttribute("data-confirm");
      form.submit();
    }

    function show() {
      var remaining = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var minutes = Math.floor(remaining / 60);
      var seconds = remaining % 60;
      timer.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (remaining <= 60) timer.classList.add("text-danger");
      if (remaining <= 0) handIn();
    }

    form.addEventListener("change", function () {
      var data = new FormData(form);
      var body = new FormData();
      data.forEach(function (value, key) { if (key !== "csrfmiddlewaretoken") body.append(key, value); });
      fetch(saveUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest" }
      }).then(function (response) {
        if (response.status === 409) window.location.reload(); // closed on the server
      }).catch(function () { /* the next change or the hand-in sends them again */ });
    });
    form.addEventListener("submit", function () { handedIn = true; });
    show();
    window.setInterval(show, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var card = document.getElementById("player");
    if (card) setupPlayer(card);
    var form = document.getElementById("test-form");
    if (form && document.getElementById("timer")) setupTest(form);
  });
})();
