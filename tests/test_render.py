"""Blocks render in both languages; bad markers stop with the page and line; data text is escaped."""

import pytest

from hooks.rendering import render
from hooks.problems import ContentError
from hooks.model.texts import Text


def _plan_markers(plan):
    for name, block in render.BLOCKS.items():
        if block.plan_kind in (plan.kind, "any"):
            if block.section is None or block.section in plan.content:
                yield f"<!-- plan:{name} {plan.id} -->"


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_every_block_of_every_plan_renders(data, renderer, locale):
    rendered_any = 0
    for plan in data.plans.values():
        for marker in _plan_markers(plan):
            out = renderer.render_page(f"# Page\n\n{marker}\n", locale, "content/x.md", plan.page)
            assert "<!-- plan:" not in out
            assert len(out) > len("# Page\n\n") + 20, marker
            rendered_any += 1
    for name in ("plans", "pan-cluster-plans"):
        out = renderer.render_page(f"<!-- plan:{name} -->", locale, "content/x.md", "index.md")
        assert "](pan-cluster-plan/2024-25.md)" in out  # links to plan pages, checked by MkDocs
        rendered_any += 1
    assert rendered_any >= 7


def test_cluster_index_says_summary_not_yet_published_where_none(data, renderer):
    english = renderer.render_page("<!-- plan:clusters -->", "en", "content/en/clusters/index.md", "clusters/index.md")
    welsh = renderer.render_page("<!-- plan:clusters -->", "cy", "content/cy/clusters/index.md", "clusters/index.md")
    unpublished = [c for c in data.clusters if not data.plans_of(c.id)]
    assert unpublished, "expected at least one cluster without a published plan"
    import markdown

    english = markdown.markdown(english, extensions=["tables"])
    welsh = markdown.markdown(welsh, extensions=["tables"])
    assert english.count("<td>Summary not yet published</td>") == len(unpublished)
    assert welsh.count("<td>Nid yw&#39;r crynodeb wedi&#39;i gyhoeddi eto</td>") == len(unpublished)
    assert "<td>Castell-nedd Port Talbot</td>" in welsh


def test_unknown_marker_names_page_and_line(renderer):
    with pytest.raises(ContentError) as caught:
        renderer.render_page("# T\n\ntext\n\n<!-- plan:no-such-block pan-cluster/2024-25 -->\n", "en", "content/en/t.md", "t.md")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.rule) == ("content/en/t.md", 5, "marker-unknown")


def test_unknown_plan_and_wrong_kind_are_refused(renderer):
    with pytest.raises(ContentError) as caught:
        renderer.render_page(
            "<!-- plan:priorities nowhere/2030-31 -->\n<!-- plan:action-plan pan-cluster/2024-25 -->\n<!-- plan:clusters extra -->\n",
            "cy", "content/cy/t.md", "t.md",
        )
    assert [(p.line, p.rule) for p in caught.value.problems] == [
        (1, "marker-unknown-plan"), (2, "marker-wrong-plan"), (3, "marker-arguments"),
    ]


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "**bold** _em_ `code` # not a heading",
    "{{: onclick=alert(1) }}",  # braces are doubled in data ({ starts a figure placeholder)
    "</table><script>alert(1)</script>",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_from_data_cannot_inject_html_or_markdown(data, hostile):
    plan = data.plans["pan-cluster/2024-25"]
    original = plan.content["plan"]["priorities"][0]["title"]
    goal = plan.content["plan"]["priorities"][0]["goal"]
    try:
        plan.content["plan"]["priorities"][0]["title"] = Text(hostile, hostile)
        plan.content["plan"]["priorities"][0]["goal"] = Text(hostile, hostile)
        out = render.Renderer(data).render_page("<!-- plan:priorities pan-cluster/2024-25 -->", "en", "p.md", "p.md")
    finally:
        plan.content["plan"]["priorities"][0]["title"] = original
        plan.content["plan"]["priorities"][0]["goal"] = goal
    import markdown
    from bs4 import BeautifulSoup

    html = markdown.markdown(out, extensions=["attr_list", "tables"])
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img", "strong", "em", "code"]), html
    for element in soup.find_all(True):
        assert not any(attribute.startswith("on") for attribute in element.attrs), html
        assert not element.get("href", "").startswith("javascript"), html
    shown = hostile.replace("{{", "{").replace("}}", "}")
    assert soup.get_text().count(shown) == 2, html  # shown as written, in the heading and the goal


def test_marking_english_names_never_touches_a_character_reference():
    from hooks.rendering.render import mark_english_names

    assert mark_english_names("<p>&lt;b&gt; and lt, &#108;t</p>", ["lt", "gt"]) == '<p>&lt;b&gt; and <span lang="en">lt</span>, &#108;t</p>'


def test_a_figure_keeps_its_written_decimals_however_often_it_is_formatted():
    """84 and 84.0 are equal Decimals, never the same figure: each is written with the places it was written with."""
    from decimal import Decimal

    from hooks.model.texts import Figure

    for _ in range(2):
        assert Figure("number", Decimal("84")).render("en") == "84"
        assert Figure("number", Decimal("84.0")).render("en") == "84.0"
        assert Figure("percent", Decimal("9.40")).render("cy") == "9.40%"
        assert Figure("number", 31088).render("cy") == "31,088"
        assert Figure("money", Decimal("224786.00")).render("en") == "£224,786.00"
        assert Figure("money", 1000).render("en") == "£1,000.00"


def test_the_templates_compile_to_the_same_code_without_jinja_s_optimizer(renderer):
    """The Renderer's environment compiles without Jinja's optimizer (optimized=False): it finds
    nothing to fold in these templates, so each compiles to the same Python as with it. A template
    where it would fold something fails here: then either keep the expression as it would be
    folded, or give the optimizer back to the Renderer."""
    environment = renderer.environment
    assert environment.optimized is False
    optimizing = environment.overlay(optimized=True)
    names = [name for name in environment.list_templates() if name.endswith(".md.jinja") and "/" not in name]
    assert set(names) == {path.name for path in render.TEMPLATE_DIR.glob("*.md.jinja")} and len(names) > 20
    for name in names:
        source = environment.loader.get_source(environment, name)[0]
        assert environment.compile(source, name, name, raw=True) == optimizing.compile(source, name, name, raw=True), name
