// Scanner pages: after each answer, clear the input and put the cursor back for the next scan.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target.closest && event.target.closest("[data-scan-form]");
  if (!form) return;
  var input = form.querySelector(".scan-input");
  // A refused scan keeps what was typed beside it (the collector's name, the code) to correct and rescan.
  var xhr = event.detail && event.detail.xhr;
  var refused = xhr && /data-tone="bad"/.test(xhr.responseText || "");
  if (!refused) form.querySelectorAll("[data-clear]").forEach(function (field) { field.value = ""; });
  var first = form.querySelector("[data-clear]");
  if (first && !refused) { first.focus(); } else if (input) { input.value = ""; input.focus(); }
  if (input) input.value = "";
});
document.addEventListener("htmx:beforeRequest", function (event) {
  var form = event.target.closest && event.target.closest("[data-scan-form]");
  if (form) { var slot = document.getElementById("answer"); if (slot) slot.classList.add("busy"); }
});
document.addEventListener("htmx:afterSwap", function () {
  var slot = document.getElementById("answer"); if (slot) slot.classList.remove("busy");
});
