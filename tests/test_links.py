"""hooks/checks/links.py: a page is parsed for links only when it can hold one that is checked."""

from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from hooks import publication
from hooks.checks import links


def _checked_targets(markdown: str) -> list:
    """The links and images of markdown that problems() checks: relative, without a scheme or host."""
    return [target for target, _ in links._links(markdown) if not (urlsplit(target).scheme or urlsplit(target).netloc or target.startswith(("/", "\\")))]


@pytest.mark.parametrize("markdown, may_link", [
    ("[a page](about.md)\n", True),
    ("![a picture](../assets/a.png)\n", True),
    ("[a page][about]\n\n[about]: about.md\n", True),
    ("[about]\n\n[about]:\n  about.md\n", True),
    ("Text with [brackets] and (parentheses), no link.\n", False),
    ("<https://example.org/> and <someone@example.org>\n", False),
    ("`[not a link]` <a href=\"about.md\">HTML</a>\n", False),
])
def test_what_may_hold_a_checked_link(markdown, may_link):
    assert links.may_hold_relative_links(markdown) == may_link
    if not may_link:
        assert _checked_targets(markdown) == []
    else:
        assert _checked_targets(markdown) != []


def test_every_real_page_with_a_checked_link_is_read_for_links():
    made = publication.make(ROOT)
    pages = [page for page in made.pages.values() if page.rendered is not None]
    assert pages
    for page in pages:
        if _checked_targets(page.rendered):
            assert links.may_hold_relative_links(page.rendered), page.path
