"""The page that answers a missing address, for each language.

A static host answers a missing address with the site's 404.html (GitHub Pages only ever
uses the one at the root). mkdocs-static-i18n builds the theme's 404.html once per language
into the same place, so the language built last would win. Here the default language's page
stays at the root and each other language's goes to its own folder (cy/404.html), for hosts
that can serve a folder's own page. The page itself (overrides/404.html) is bilingual, so the
root page also answers a Welsh address in Welsh.
"""

from __future__ import annotations

from pathlib import Path

NOT_FOUND = "404.html"


def place(output: str, locale: str, default_locale: str, site_dir: Path) -> str:
    """What MkDocs should write to the root 404.html when it builds this language's page.

    The default language's page is written there; another language's is written to its
    folder here, and nothing is returned, so MkDocs leaves the root page as it was (and says
    so in its log: "Template skipped: '404.html' generated empty output").
    """
    if locale == default_locale:
        return output
    target = site_dir / locale / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, "utf-8")
    return ""
