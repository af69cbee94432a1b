// Small behaviours hooked on data-* attributes (the CSP forbids inline handlers).
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// A form sent back with errors: move to the summary of its errors, so it is seen and read out first.
const errorSummary = document.querySelector(".error-summary");
if (errorSummary) {
  errorSummary.focus();
}
