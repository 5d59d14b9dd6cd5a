// Link previews and footnote tooltips close on Escape without moving the pointer or the
// focus (WCAG 1.4.13, content on hover or focus: dismissible). Material shows them while
// the pointer or focus is on the link and offers no key to close them; taking away the
// class that shows one hides it until the pointer or focus next comes to a link, when
// Material shows that link's own. Registered once: instant navigation keeps the document.
document.addEventListener(
  "keydown",
  function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".md-tooltip2--active").forEach(function (preview) {
      preview.classList.remove("md-tooltip2--active");
    });
  },
  true
);
