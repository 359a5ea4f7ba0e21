// While the documents are made (a second or two), the button says so and cannot be pressed
// twice. The form works without this script.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.order");
  if (!form) return;
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    button.textContent = button.getAttribute("data-busy");
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
  });
});
window.addEventListener("pageshow", function (event) {
  // Coming back to the form with the browser's Back button: the button works again.
  var button = document.querySelector("form.order button[type=submit]");
  if (button && event.persisted) { button.disabled = false; }
});
