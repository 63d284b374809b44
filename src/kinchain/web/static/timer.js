// A hold/set timer for each routine item: counts down, can loop. Without JavaScript the page
// works the same, only without the timer (its buttons stay hidden).
(function () {
  "use strict";
  function setup(box) {
    var start = box.querySelector(".timer-start");
    var loop = box.querySelector(".timer-loop");
    var out = box.querySelector(".timer-out");
    var seconds = parseInt(box.getAttribute("data-seconds"), 10) || 30;
    var left = 0, handle = null;
    start.hidden = false; loop.hidden = false;
    function show() { out.textContent = left > 0 ? left + " s" : ""; }
    function step() {
      left -= 1; show();
      if (left <= 0) {
        clearInterval(handle); handle = null;
        out.textContent = "Time!";
        if (loop.querySelector("input").checked) { run(); }
        else { start.textContent = "Start again"; }
      }
    }
    function run() { left = seconds; show(); handle = setInterval(step, 1000); }
    start.addEventListener("click", function () {
      if (handle) { clearInterval(handle); handle = null; out.textContent = ""; return; }
      run();
    });
  }
  document.querySelectorAll(".timer").forEach(setup);
})();
