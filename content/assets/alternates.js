/*
 * Keeps Material's script from fetching a "sitemap.xml" beside every alternate link.
 *
 * Each page names its counterparts for search engines: <link rel="alternate" hreflang="…">,
 * with absolute addresses (overrides/partials/hreflang.html). When the page has loaded
 * (DOMContentLoaded), Material's bundle fetches "sitemap.xml" relative to every
 * <link rel="alternate"> of any kind, to make its language menu stay on the same page. This
 * site's switch is a plain link to the counterpart already, the addresses are pages (so each
 * fetch is a 404), and away from the published address (a preview, a test) they lead to
 * another origin. (Upstream: squidfunk/mkdocs-material#8576.)
 *
 * So the links are renamed before Material looks for them, and named back once it has: this
 * script runs before DOMContentLoaded, and its listener, added after Material's, runs after
 * it. The page's HTML, and its DOM once loaded, keep the links as written.
 */
(function () {
  "use strict";

  var links = document.querySelectorAll("link[rel=alternate]");
  if (!links.length || document.readyState !== "loading") return;

  Array.prototype.forEach.call(links, function (link) {
    link.rel = "x-plan-alternate";
  });
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(links, function (link) {
      link.rel = "alternate";
    });
  }, { once: true });
})();
