// Escape dismisses a glossary definition (WCAG 1.4.13): the focused term loses focus,
// and a hovered one hides its definition until the pointer leaves it.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const term of document.querySelectorAll("abbr.glossary:hover, abbr.glossary:focus")) {
    term.setAttribute("data-dismissed", "");
    term.addEventListener("mouseleave", () => term.removeAttribute("data-dismissed"), { once: true });
    term.addEventListener("blur", () => term.removeAttribute("data-dismissed"), { once: true });
  }
});
