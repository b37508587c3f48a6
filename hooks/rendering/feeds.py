"""An Atom feed per language announcing plans published and updated, built from the data.

Dates come from each plan's `dates` (never from the clock or file times), so two builds of
the same commit write the same feed.
"""

from __future__ import annotations

import datetime
import uuid
import xml.etree.ElementTree as ElementTree

from typing import TYPE_CHECKING

from hooks.model import locales

if TYPE_CHECKING:  # the plan data is passed in: a build whose feed is in the cache never loads it
    from hooks.model.plan_data import Plan, PlanData

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
_NAMESPACE = uuid.UUID("6f1c7a52-3b0e-4c55-9d0a-2f4e1b7c9a10")  # this site's feed ids


def _timestamp(day: str) -> str:
    return datetime.date.fromisoformat(day).isoformat() + "T00:00:00Z"


def _page_url(plan: Plan, locale: str) -> str:
    """The plan page's address, relative to the site root of the language."""
    return plan.page[: -len(".md")] + "/"


def dated_plans(data: PlanData) -> list:
    """Plans that say when they were updated, newest first (then by id, for a stable order)."""
    plans = [p for p in data.plans.values() if p.content.get("dates", {}).get("updated")]
    return sorted(plans, key=lambda p: (p.content["dates"]["updated"], p.id), reverse=True)


def atom(data: PlanData, locale: str, base_url: str) -> str:
    """The Atom feed of one language. base_url is the language's site root, ending in '/'."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": locale})
    plans = dated_plans(data)

    def add(parent, tag, text=None, **attributes):
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    add(feed, "title", data.interface["feed_title"].render(locale))
    add(feed, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'feed/' + locale)}")
    add(feed, "link", rel="self", href=base_url + FEED_PATH)
    add(feed, "link", rel="alternate", href=base_url or "./", hreflang=locale)
    add(feed, "updated", _timestamp(plans[0].content["dates"]["updated"]) if plans else "1970-01-01T00:00:00Z")
    author = add(feed, "author")
    add(author, "name", "Bwrdd Iechyd Prifysgol Bae Abertawe" if locale == locales.WELSH else "Swansea Bay University Health Board")
    for plan in plans:
        entry = add(feed, "entry")
        add(entry, "title", plan.title.render(locale))
        add(entry, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'plan/' + plan.id)}")
        add(entry, "link", rel="alternate", href=base_url + _page_url(plan, locale), hreflang=locale)
        dates = plan.content["dates"]
        add(entry, "updated", _timestamp(dates["updated"]))
        if dates.get("published"):
            add(entry, "published", _timestamp(dates["published"]))
        add(entry, "summary", plan.content["source_document"].render(locale) if "source_document" in plan.content else plan.title.render(locale))
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"
