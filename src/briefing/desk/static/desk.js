// While the documents are made (a second or two), the button says so and cannot be pressed
// twice. The form works without this script.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.order");
  if (!form) return;
  var button = form.querySelector("button[type=submit]");
  var label = button.textContent;
  form.addEventListener("submit", function (event) {
    // The language switch sends the form too (to keep it): it makes nothing.
    if (event.submitter && event.submitter !== button) return;
    button.textContent = button.getAttribute("data-busy");
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
  });
  // Back to the form with the browser's Back button: the page comes from the browser's
  // memory as it was left, so the button is made ready again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    button.textContent = label;
    button.disabled = false;
    form.removeAttribute("aria-busy");
  });
});
