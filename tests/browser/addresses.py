"""The addresses of the built site's pages, from the content folders (the site is built once, later)."""

from __future__ import annotations

from conftest import ROOT, pages

from hooks.model import locales, plan_data

LANGUAGES = locales.LOCALES  # ("en", "cy"): English at the root, Welsh under /cy/


def address(locale: str, page: str) -> str:
    """The address of a content page, relative to the site's root: ("cy", "clusters/index.md") -> "cy/clusters/"."""
    stem = page[: -len(".md")]
    if stem == "index":
        stem = ""
    elif stem.endswith("/index"):
        stem = stem[: -len("/index")]
    path = f"{stem}/" if stem else ""
    return path if locale == locales.DEFAULT_LOCALE else f"{locale}/{path}"


def counterpart(path: str) -> str:
    """The same page in the other language: "about/" <-> "cy/about/"."""
    return path[len("cy/") :] if path.startswith("cy/") else f"cy/{path}"


def locale_of(path: str) -> str:
    return locales.WELSH if path.startswith("cy/") else locales.ENGLISH


CONTENT_PAGES = pages(ROOT / "content" / "en")
PAGES = [address(locale, page) for locale in LANGUAGES for page in CONTENT_PAGES]
PLAN_PAGES = [
    address(locale, plan.page) for locale in LANGUAGES for plan in sorted(plan_data.load(ROOT).plans.values(), key=lambda p: p.id)
]
# A missing address in each language, answered by the site's 404 page.
MISSING = {locales.ENGLISH: "no-such-page/", locales.WELSH: "cy/dim-tudalen-o-r-fath/"}
