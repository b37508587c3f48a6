/*
 * Keyboard access to the header's menu and search controls.
 *
 * Material draws them as <label>s of hidden checkboxes, which work by pointer but cannot be
 * reached with a keyboard. hooks/theme.py puts a real button beside each label (its change to
 * the theme's partials/header.html); this shows the buttons instead of the labels and makes
 * each button flip its checkbox, as the label would. Without JavaScript the labels stay.
 */
(function () {
  "use strict";

  var buttons = document.querySelectorAll("button[data-plan-toggle]");

  function focusFirstLink(container) {
    var link = container && container.querySelector("a[href]");
    if (link) link.focus();
  }

  Array.prototype.forEach.call(buttons, function (button) {
    var toggle = document.getElementById(button.getAttribute("data-plan-toggle"));
    if (!toggle) return;
    var label = document.querySelector(".md-header label[for='" + toggle.id + "']");

    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }

    button.hidden = false;
    if (label) label.hidden = true;
    sync();

    toggle.addEventListener("change", sync);
    button.addEventListener("focus", sync);
    button.addEventListener("click", function () {
      toggle.click();
      sync();
      if (!toggle.checked) return;
      if (toggle.id === "__search") {
        var query = document.querySelector("[data-md-component=search-query]");
        if (query) query.focus();
      } else {
        focusFirstLink(document.querySelector(".md-sidebar--primary"));
      }
    });
  });

  // Leaving search with the keyboard closes it: open, it covers the header's other controls,
  // which the focus would then reach unseen.
  document.addEventListener("focusin", function (event) {
    var search = document.getElementById("__search");
    var dialog = document.querySelector(".md-search");
    if (!search || !search.checked || !dialog) return;
    if (dialog.contains(event.target) || event.target.getAttribute("data-plan-toggle") === "__search") return;
    search.click();
  });

  // Escape closes the navigation drawer and returns to its button.
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();
    var button = document.querySelector("button[data-plan-toggle=__drawer]");
    if (button) {
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
})();
