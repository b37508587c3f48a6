"""The changes this site makes to Material for MkDocs' templates where no block or partial allows them.

Material documents two ways to change its templates: fill a block of base.html in
overrides/main.html (done there: the preview banner, the preview's noindex, the structured
data), or replace a whole partial. What lies outside any block (the skip link, the checkboxes,
the alternate links in the head, the search's base address) or inside a partial that is
Material's own (the header, the search, the table of contents, the interface strings) cannot be
changed either way without a copy of the theme's file. This site keeps no copy: every build
takes those files from the installed theme, applies the changes below, and writes the result
into a new folder that hooks/engine.py puts before overrides/ in the theme's search path.

Each change names the theme's text it replaces, which must occur exactly once in the installed
file. When an upgrade of Material changes that text, the build stops and names the change
(ChangeNoLongerApplies): read the new template, then correct the change's `theme_text` (and its
`our_text`) here. Nothing else needs copying, and no asset name (Material's hashed
`bundle.<hash>.min.js` ...) is ever written by hand: they come with the installed base.html.

Plain Python: it knows files of text, not MkDocs (tests/test_engine.py runs it alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edit:
    """Replace theme_text, which occurs once in the theme's template, with our_text."""

    theme_text: str
    our_text: str


@dataclass(frozen=True)
class Change:
    """One change of the site to one of the theme's templates, made of one or more edits."""

    template: str  # its path among the theme's templates: "base.html", "partials/header.html"
    name: str  # what it is for, as the error names it
    edits: tuple


class ChangeNoLongerApplies(Exception):
    """A change's theme text is not (or not once) in the installed theme's template."""

    def __init__(self, change: Change, theme: str, found: int):
        self.change, self.theme, self.found = change, theme, found
        times = "is no longer in it" if found == 0 else f"is in it {found} times, not once"
        times_cy = "nid yw yno mwyach" if found == 0 else f"mae yno {found} gwaith, nid unwaith"
        self.message = (
            f"{change.template} of {theme}: the site's change \"{change.name}\" no longer applies: the theme's text "
            f"it replaces {times}. Read the new {change.template} of the theme and correct that change "
            f"(theme_text, our_text) in hooks/theme.py; docs/engine.md says how"
        )
        self.message_cy = (
            f"{change.template} {theme}: nid yw newid y wefan \"{change.name}\" yn gymwys mwyach: mae testun y thema "
            f"y mae'n ei ddisodli {times_cy}. Darllenwch {change.template} newydd y thema a chywirwch y newid hwnnw "
            f"(theme_text, our_text) yn hooks/theme.py; mae docs/peiriant.md yn esbonio sut"
        )
        super().__init__(self.message)


def changed(text: str, change: Change, theme: str) -> str:
    """text (the theme's template) with every edit of change made; ChangeNoLongerApplies when one cannot be."""
    for edit in change.edits:
        found = text.count(edit.theme_text)
        if found != 1:
            raise ChangeNoLongerApplies(change, theme, found)
        text = text.replace(edit.theme_text, edit.our_text)
    return text


def write_changed_templates(theme_dir: Path, theme: str, into: Path) -> list:
    """Write into `into` each template CHANGES changes, made from the one in theme_dir; the paths written.

    theme: the theme's name and version ("Material for MkDocs 9.8.2"), for the messages and the
    note at the top of each file. Every change is checked before anything is written.
    """
    texts = {}
    for change in CHANGES:
        if change.template not in texts:
            texts[change.template] = (Path(theme_dir) / change.template).read_text("utf-8")
        texts[change.template] = changed(texts[change.template], change, theme)
    written = []
    for template, text in texts.items():
        path = Path(into) / template
        path.parent.mkdir(parents=True, exist_ok=True)
        note = f"{{#- Made by hooks/theme.py from {template} of {theme}, with the site's changes; not kept -#}}\n"
        path.write_text(note + text, "utf-8")
        written.append(path)
    return written


# --- The changes ------------------------------------------------------------------------------
# Each our_text keeps a "plan:" comment that says why. The comments are written {#- ... -#}, which
# removes the white space around them, so the site's HTML is the same as without them.

CHANGES = (
    Change(
        "base.html",
        "canonical, hreflang and feed links in the head",
        (
            Edit(
                "      {% if page.canonical_url %}\n"
                "        <link rel=\"canonical\" href=\"{{ page.canonical_url }}\">\n"
                "      {% endif %}\n",
                "      {#- plan: canonical URL and reciprocal hreflang alternates (en, cy, x-default), absolute -#}\n"
                "      {% if page.canonical_url %}\n"
                "        <link rel=\"canonical\" href=\"{{ page.canonical_url }}\">\n"
                "      {% endif %}\n"
                "      {% include \"partials/hreflang.html\" %}\n"
                "      {#- plan: the updates feed of this page's language (written by hooks/rendering/feeds.py) -#}\n"
                "      {% set feed_folder = \"\" if config.theme.language == config.plugins[\"i18n\"].default_language else config.theme.language ~ \"/\" %}\n"
                "      <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{{ config.site_name }}\" href=\"{{ (feed_folder ~ 'feed.xml') | url }}\">\n",
            ),
            # Material's own alternates are relative and have no x-default: partials/hreflang.html makes them instead.
            Edit(
                "      {% if config.extra.alternate is iterable %}\n"
                "        {% for alt in config.extra.alternate %}\n"
                "          <link rel=\"alternate\" href=\"{{ alt.link | url }}\" hreflang=\"{{ alt.lang | d(lang.t('language')) }}\">\n"
                "        {% endfor %}\n"
                "      {% endif %}\n",
                "",
            ),
        ),
    ),
    Change(
        "base.html",
        "no autocomplete on the checkboxes",
        (
            Edit(
                "    <input class=\"md-toggle\" data-md-toggle=\"drawer\" type=\"checkbox\" id=\"__drawer\" autocomplete=\"off\">\n"
                "    <input class=\"md-toggle\" data-md-toggle=\"search\" type=\"checkbox\" id=\"__search\" autocomplete=\"off\">\n",
                "    {#- plan: no autocomplete on checkboxes (invalid HTML) -#}\n"
                "    <input class=\"md-toggle\" data-md-toggle=\"drawer\" type=\"checkbox\" id=\"__drawer\">\n"
                "    <input class=\"md-toggle\" data-md-toggle=\"search\" type=\"checkbox\" id=\"__search\">\n",
            ),
        ),
    ),
    Change(
        "base.html",
        "a skip link to the content on every page",
        (
            # Material's goes to the first heading of the table of contents, and is missing without one.
            Edit(
                "    <div data-md-component=\"skip\">\n"
                "      {% if page.toc | first is defined %}\n"
                "        {% set skip = page.toc | first %}\n"
                "        <a href=\"{{ skip.url | url }}\" class=\"md-skip\">\n"
                "          {{ lang.t(\"action.skip\") }}\n"
                "        </a>\n"
                "      {% endif %}\n"
                "    </div>\n",
                "    {#- plan: a skip link on every page (also without a table of contents), to the content -#}\n"
                "    <div data-md-component=\"skip\">\n"
                "      <a href=\"#__content\" class=\"md-skip\">\n"
                "        {{ lang.t(\"action.skip\") }}\n"
                "      </a>\n"
                "    </div>\n",
            ),
            Edit(
                "              <article class=\"md-content__inner md-typeset\">\n",
                "              <article class=\"md-content__inner md-typeset\" id=\"__content\">\n",
            ),
        ),
    ),
    Change(
        "base.html",
        "search reads the index of the page's language",
        (
            Edit(
                "      <script id=\"__config\" type=\"application/json\">\n",
                "      {#- plan: search reads the index of the page's language (hooks/rendering/search_index.py) -#}\n"
                "      {%- set i18n = config.plugins[\"i18n\"] -%}\n"
                "      {%- set search_base = base_url if i18n.current_language == i18n.default_language else base_url.rstrip(\"/\") ~ \"/\" ~ i18n.current_language ~ \"/\" -%}\n"
                "      <script id=\"__config\" type=\"application/json\">\n",
            ),
            Edit("          \"base\": base_url,\n", "          \"base\": search_base,\n"),
        ),
    ),
    Change(
        "partials/language.html",
        "the site's wording of some theme strings",  # partials/theme-strings.html
        (
            Edit(
                "{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}",
                "{#- plan: the site's own wording of some of the theme's strings (partials/theme-strings.html), then the theme's language, then English -#}\n"
                "{% import \"partials/theme-strings.html\" as corrected %}\n"
                "{% set language = config.theme.language %}\n"
                "{% macro t(key) %}{{ corrected.t(language, key) or lang.t(key) or fallback.t(key) or key }}{% endmacro %}",
            ),
        ),
    ),
    # The menu and search icons are labels of hidden checkboxes, which a keyboard cannot reach:
    # each gets a real button beside it; content/assets/keyboard.js shows the buttons and hides the labels.
    Change(
        "partials/header.html",
        "a keyboard-operable button for the navigation drawer",
        (
            Edit(
                "    <label class=\"md-header__button md-icon\" for=\"__drawer\">\n"
                "      {% set icon = config.theme.icon.menu or \"material/menu\" %}\n"
                "      {% include \".icons/\" ~ icon ~ \".svg\" %}\n"
                "    </label>\n",
                "    {% set icon = config.theme.icon.menu or \"material/menu\" %}\n"
                "    <label class=\"md-header__button md-icon\" for=\"__drawer\">\n"
                "      {% include \".icons/\" ~ icon ~ \".svg\" %}\n"
                "    </label>\n"
                "    {#- plan: a keyboard-operable button for the navigation drawer -#}\n"
                "    <button type=\"button\" class=\"md-header__button md-icon plan-toggle-button\" data-plan-toggle=\"__drawer\" aria-label=\"{{ lang.t('nav') }}\" aria-expanded=\"false\" hidden>\n"
                "      {% include \".icons/\" ~ icon ~ \".svg\" %}\n"
                "    </button>\n",
            ),
        ),
    ),
    Change(
        "partials/header.html",
        "a keyboard-operable button that opens search",
        (
            Edit(
                "        <label class=\"md-header__button md-icon\" for=\"__search\">\n"
                "          {% set icon = config.theme.icon.search or \"material/magnify\" %}\n"
                "          {% include \".icons/\" ~ icon ~ \".svg\" %}\n"
                "        </label>\n",
                "        {% set icon = config.theme.icon.search or \"material/magnify\" %}\n"
                "        <label class=\"md-header__button md-icon\" for=\"__search\">\n"
                "          {% include \".icons/\" ~ icon ~ \".svg\" %}\n"
                "        </label>\n"
                "        {#- plan: a keyboard-operable button that opens search -#}\n"
                "        <button type=\"button\" class=\"md-header__button md-icon plan-toggle-button\" data-plan-toggle=\"__search\" aria-label=\"{{ lang.t('search') }}\" aria-expanded=\"false\" hidden>\n"
                "          {% include \".icons/\" ~ icon ~ \".svg\" %}\n"
                "        </button>\n",
            ),
        ),
    ),
    Change(
        "partials/search.html",
        "the search dialog's name",
        (
            Edit(
                "<div class=\"md-search\" data-md-component=\"search\" role=\"dialog\">\n",
                "{#- plan: the dialog's name (axe-core's aria-dialog-name rule) -#}\n"
                "<div class=\"md-search\" data-md-component=\"search\" role=\"dialog\" aria-label=\"{{ lang.t('search') }}\">\n",
            ),
        ),
    ),
    Change(
        "partials/search.html",
        "the search results' box is no focus stop of its own",
        (
            Edit(
                "      <div class=\"md-search__scrollwrap\" tabindex=\"0\" data-md-scrollfix>\n",
                "      {#- plan: not in the tab order; hidden until a search is made, it took the focus out of sight (its result links are focusable) -#}\n"
                "      <div class=\"md-search__scrollwrap\" data-md-scrollfix>\n",
            ),
        ),
    ),
    Change(
        "partials/toc.html",
        "the table of contents' title is a label only where its switch exists",
        (
            # Pages outside the navigation have no __toc checkbox: a label for it is invalid HTML.
            Edit(
                "    <label class=\"md-nav__title\" for=\"__toc\">\n"
                "      <span class=\"md-nav__icon md-icon\"></span>\n"
                "      {{ title }}\n"
                "    </label>\n",
                "    {#- plan: a label only when the page's __toc switch exists -#}\n"
                "    {% if page in nav.pages %}\n"
                "      <label class=\"md-nav__title\" for=\"__toc\">\n"
                "        <span class=\"md-nav__icon md-icon\"></span>\n"
                "        {{ title }}\n"
                "      </label>\n"
                "    {% else %}\n"
                "      <div class=\"md-nav__title\">{{ title }}</div>\n"
                "    {% endif %}\n",
            ),
        ),
    ),
)

CHANGED_TEMPLATES = tuple(dict.fromkeys(change.template for change in CHANGES))
