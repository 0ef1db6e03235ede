// mfa-sim: the "today / on the guide's date" switch on every scenario. Each scenario's two
// radio buttons work without this script (CSS shows the chosen run); the script makes the
// reader's choice apply to every scenario and remembers it from page to page.
(function () {
    "use strict";
    var KEY = "mfa-sim-run";
    function stored() {
        try { return localStorage.getItem(KEY) === "then" ? "then" : "now"; } catch (e) { return "now"; }
    }
    function show(run) {
        document.querySelectorAll("input.mfa-pick-" + run).forEach(function (r) { r.checked = true; });
        document.documentElement.setAttribute("data-mfa-run", run);
    }
    function start() {
        show(stored());
        document.addEventListener("change", function (ev) {
            var t = ev.target;
            if (!t || !t.classList || !t.classList.contains("mfa-pick")) { return; }
            var run = t.value === "then" ? "then" : "now";
            try { localStorage.setItem(KEY, run); } catch (e) { /* private mode: this page only */ }
            show(run);
        });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
