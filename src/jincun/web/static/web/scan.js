// Scanner pages: after each answer, clear the input and put the cursor back for the next scan.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target.closest && event.target.closest("[data-scan-form]");
  if (!form) return;
  var input = form.querySelector(".scan-input");
  form.querySelectorAll("[data-clear]").forEach(function (field) { field.value = ""; });
  var first = form.querySelector("[data-clear]");
  if (first) { first.focus(); } else if (input) { input.value = ""; input.focus(); }
  if (input) input.value = "";
});
document.addEventListener("htmx:beforeRequest", function (event) {
  var form = event.target.closest && event.target.closest("[data-scan-form]");
  if (form) { var slot = document.getElementById("answer"); if (slot) slot.classList.add("busy"); }
});
document.addEventListener("htmx:afterSwap", function () {
  var slot = document.getElementById("answer"); if (slot) slot.classList.remove("busy");
});
