// Certificates: a "Print" button, shown only where JavaScript runs (without it, the page says to use the browser's Print).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
