"""Structured data for search engines: a schema.org `Report` in JSON-LD on each plan page.

Only the pages of plans (data/plans/: a cluster's plan, the Pan Cluster Plan) carry one, in
both languages. What it says comes from the page and the data, never from the clock, so two
builds of the same commit write the same script (as the feeds and the sitemap):

    name           the page's title, as its <title> gives it
    inLanguage     en-GB or cy-GB
    url, @id       the page's canonical address
    datePublished  the plan's dates.published, dateModified its dates.updated (each if given)
    publisher      the health board as an Organization, named in the page's language
                   (data/glossary.yml's entry for it)
    workTranslation (English page) / translationOfWork (Welsh page)
                   the other language's page: the address of its hreflang alternate

No `about` or `spatialCoverage`: the data names a cluster and its local authority, but not the
area a plan covers, and a cluster is not a place.

The addresses are made by the template (overrides/partials/structured-data.html) exactly as
the canonical and hreflang links are, and passed in; the script is escaped so that no text
(a title holding "</script>" or "<!--") can end it early.
"""

from __future__ import annotations

import datetime
import json

from markupsafe import Markup

from hooks.model import locales

LANGUAGE_TAGS = {locales.ENGLISH: "en-GB", locales.WELSH: "cy-GB"}
HEALTH_BOARD = {  # its official names, used when data/glossary.yml does not list it
    locales.ENGLISH: "Swansea Bay University Health Board",
    locales.WELSH: "Bwrdd Iechyd Prifysgol Bae Abertawe",
}
_TRANSLATION_LINK = {locales.ENGLISH: "workTranslation", locales.WELSH: "translationOfWork"}

# Inside <script>, "<" could start "</script>" or "<!--"; ">" and "&" are escaped too, and the
# line separators JavaScript once refused. Each appears in JSON only inside a string, where
# \\uXXXX means the same character.
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def plan_of_page(data, inner: str):
    """The plan whose page is inner (its path inside a language folder), or None."""
    for plan in (data.plans or {}).values() if data is not None else ():
        if plan.page == inner:
            return plan
    return None


def publisher(data, locale: str) -> dict:
    """The health board as a schema.org Organization, with its official name in locale."""
    name = HEALTH_BOARD[locale]
    terms = data.glossary.terms if data is not None and data.glossary else []
    for term in terms:
        if term.get("kind") == "body" and term.get(locales.ENGLISH) == HEALTH_BOARD[locales.ENGLISH] and term.get(locale):
            name = term[locale]
            break
    return {"@type": "Organization", "name": name}


def _day(value) -> str | None:
    """A YYYY-MM-DD date of the data, checked; None when not given or not a date."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def report(plan, data, locale: str, *, name: str, url: str, translation_url: str | None) -> dict:
    """The plan page's Report, as a dict ready for json.dumps."""
    other = next(o for o in locales.LOCALES if o != locale)
    found: dict = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url,
        "name": name,
        "inLanguage": LANGUAGE_TAGS[locale],
        "url": url,
    }
    dates = plan.content.get("dates") or {}
    for key, field in (("datePublished", "published"), ("dateModified", "updated")):
        day = _day(dates.get(field))
        if day:
            found[key] = day
    found["publisher"] = publisher(data, locale)
    if translation_url:
        found[_TRANSLATION_LINK[locale]] = {
            "@type": "Report",
            "@id": translation_url,
            "url": translation_url,
            "inLanguage": LANGUAGE_TAGS[other],
        }
    return found


def script_text(value) -> str:
    """value as JSON that is safe as the whole text of a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "".join(_ESCAPES.get(character, character) for character in text)


def page_title(title) -> str:
    """A page's title as its <title> shows it: tags taken off, entities read (Jinja's striptags)."""
    return Markup(str(title or "")).striptags()


class PageReport:
    """What a plan page's template calls with the addresses it makes: the script's JSON text."""

    def __init__(self, plan, data, locale: str, title):
        self.plan, self.data, self.locale, self.title = plan, data, locale, title

    def __call__(self, url: str, translation_url: str | None = None) -> Markup:
        value = report(self.plan, self.data, self.locale, name=page_title(self.title), url=url, translation_url=translation_url)
        return Markup(script_text(value))


def for_page(data, locale: str, inner: str, title) -> PageReport | None:
    """The Report maker of a page if it is a plan's page in a language of the site, else None."""
    if locale not in LANGUAGE_TAGS:
        return None
    plan = plan_of_page(data, inner)
    return PageReport(plan, data, locale, title) if plan is not None else None
