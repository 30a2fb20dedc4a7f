// Scanner pages. A scanner gun types a code and Enter faster than an answer comes back (a village's mobile
// link, a busy server): each code is taken off the input the moment it is submitted and sent in turn, so the
// next one can be scanned at once and none is cleared mid-typing or sent empty. Without htmx the form posts.
var scanQueue = Promise.resolve();
document.addEventListener("submit", function (event) {
  var form = event.target.closest && event.target.closest("[data-scan-form]");
  if (!form || !window.htmx) return;
  event.preventDefault();
  event.stopImmediatePropagation(); // htmx's own handler would read the form again when the request goes
  var values = {};
  new FormData(form).forEach(function (value, name) { values[name] = value; });
  var input = form.querySelector(".scan-input");
  if (input) { input.value = ""; input.focus(); }
  var url = form.getAttribute("hx-post");
  scanQueue = scanQueue.then(function () {
    return htmx.ajax("POST", url, { source: form, target: "#answer", swap: "innerHTML", values: values });
  }).catch(function () {});
}, true);
// After each answer: clear the fields beside the scan (a collector's name, a code) unless the scan was refused,
// so they can be corrected and scanned again; the cursor goes back where the next scan starts.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target.closest && event.target.closest("[data-scan-form]");
  if (!form) return;
  var xhr = event.detail && event.detail.xhr;
  var refused = xhr && /data-tone="bad"/.test(xhr.responseText || "");
  var input = form.querySelector(".scan-input");
  var first = form.querySelector("[data-clear]");
  if (!refused) form.querySelectorAll("[data-clear]").forEach(function (field) { field.value = ""; });
  if (first && !refused) { first.focus(); } else if (input && document.activeElement !== input) { input.focus(); }
});
document.addEventListener("htmx:beforeRequest", function (event) {
  var form = event.target.closest && event.target.closest("[data-scan-form]");
  if (form) { var slot = document.getElementById("answer"); if (slot) slot.classList.add("busy"); }
});
document.addEventListener("htmx:afterSwap", function () {
  var slot = document.getElementById("answer"); if (slot) slot.classList.remove("busy");
});
