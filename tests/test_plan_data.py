"""The data loads, validates, and holds exactly the figures of the source documents."""

from decimal import Decimal

import pytest

from hooks.model import plan_data
from hooks.model.locales import LOCALES
from hooks.problems import ContentError
from hooks.model.texts import Text


def test_all_eight_clusters_are_listed(data):
    assert [c.id for c in data.clusters] == [
        "afan", "neath", "upper-valleys", "bay-health", "city-health", "cwmtawe", "llwchwr", "penderi",
    ]
    by_authority = {}
    for cluster in data.clusters:
        by_authority.setdefault(cluster.local_authority.en, []).append(cluster.name.en)
    assert by_authority == {
        "Neath Port Talbot": ["Afan", "Neath", "Upper Valleys"],
        "Swansea": ["Bay Health", "City Health", "Cwmtawe", "Llwchwr", "Penderi"],
    }


def test_pan_cluster_plan_has_six_priorities_each_with_goal_and_how(data):
    plan = data.plans["pan-cluster/2024-25"]
    priorities = plan.content["plan"]["priorities"]
    assert [p["number"] for p in priorities] == [1, 2, 3, 4, 5, 6]
    assert priorities[0]["title"].en == "Learning disabilities"
    assert priorities[4]["title"].en == "Strategic Workforce Plan for Primary Care"
    for priority in priorities:
        for key in ("title", "goal", "how"):
            assert priority[key].en and priority[key].cy and priority[key].en != priority[key].cy


def test_pan_cluster_plan_sign_off_and_programme_start_are_figures(data):
    plan = data.plans["pan-cluster/2024-25"]
    assert plan.content["signed_off"] == {"month": "2024-03"}
    introduction = plan.content["plan"]["introduction"]
    assert introduction.render("en").startswith("Our 2024/25 Cluster Plan was formally signed off at the end of March 2024")
    assert "Mawrth 2024" in introduction.render("cy")
    first = plan.content["introduction"]["paragraphs"][0]
    assert "began in April 2022" in first.render("en") and "Ebrill 2022" in first.render("cy")


def test_every_text_has_both_languages_and_matching_figures(data):
    assert len(data.texts) > 80
    for text in data.texts:
        assert isinstance(text, Text)
        for locale in LOCALES:
            assert text.source(locale).strip(), text.where
            text.render(locale)  # every placeholder has its figure


def test_a_data_error_names_file_line_and_field(tmp_path):
    (tmp_path / "data").mkdir()
    for name in ("glossary.yml", "interface.yml", "clusters.yml"):
        (tmp_path / "data" / name).write_text((plan_data.Path(__file__).parent.parent / "data" / name).read_text("utf-8"), "utf-8")
    plans = tmp_path / "data" / "plans" / "pan-cluster"
    plans.mkdir(parents=True)
    (plans / "2024-25.yml").write_text(
        'kind: pan-cluster-plan\nyear: "2024-25"\ntitle:\n  en: Title\n  cy: ""\n'
        "introduction:\n  paragraphs:\n    - {en: A, cy: B}\nplan:\n  introduction: {en: A, cy: B}\n  priorities: []\n",
        "utf-8",
    )
    with pytest.raises(ContentError) as caught:
        plan_data.load(tmp_path)
    texts = [p.as_text() for p in caught.value.problems]
    assert any(t.startswith("data/plans/pan-cluster/2024-25.yml:5:") and "title.cy" in t and "empty" in t for t in texts), texts
    assert any("plan.priorities" in t and "list is empty" in t for t in texts), texts


def test_placeholder_without_figure_is_a_problem(tmp_path):
    (tmp_path / "data" / "plans" / "pan-cluster").mkdir(parents=True)
    (tmp_path / "data" / "glossary.yml").write_text("terms: []\nsame_in_both: []\n")
    (tmp_path / "data" / "interface.yml").write_text("x: {en: A, cy: B}\n")
    (tmp_path / "data" / "clusters.yml").write_text("local_authorities:\n  s: {en: S, cy: A}\nclusters:\n  - id: c\n    name: {en: C, cy: D}\n    cluster_title: {en: C C, cy: C D}\n    local_authority: s\n")
    (tmp_path / "data" / "plans" / "pan-cluster" / "2024-25.yml").write_text(
        'kind: pan-cluster-plan\nyear: "2024-25"\ntitle: {en: T, cy: U}\nintroduction:\n  paragraphs:\n'
        "    - text: {en: 'A {count}', cy: 'B {total}'}\n      figures: {count: 1}\n"
        "plan:\n  introduction: {en: A, cy: B}\n  priorities:\n    - {number: 1, title: {en: A, cy: B}, goal: {en: A, cy: B}, how: {en: A, cy: B}}\n"
    )
    with pytest.raises(ContentError) as caught:
        plan_data.load(tmp_path)
    rules = {(p.rule, p.line) for p in caught.value.problems}
    assert rules == {("figure-missing", 6), ("figure-unused", 6)}, rules


def test_figures_keep_their_written_decimals():
    from hooks.model.texts import Figure
    assert Figure.from_data({"percent": Decimal("0.070")}).render("cy") == "0.070%"
    assert Figure.from_data({"number": Decimal("84.0")}).render("en") == "84.0"
    assert Figure.from_data({"money": Decimal("224786.00")}).render("cy") == "£224,786.00"
    assert Figure.from_data({"date": "2024-03-31"}).render("cy") == "31 Mawrth 2024"
    assert Figure.from_data({"date": "2024-03-31"}).render("en") == "31 March 2024"
    assert Figure.from_data(31088).render("cy") == "31,088"


def test_a_text_knows_the_lines_of_its_english_and_welsh(tmp_path):
    """The gate points a problem of one language at that language's key (Where.line_of): the
    lines come from the reader, even where the English itself writes "cy:" on a line of its own."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "glossary.yml").write_text("terms: []\nsame_in_both: []\n")
    (tmp_path / "data" / "clusters.yml").write_text("local_authorities:\n  s: {en: S, cy: A}\nclusters:\n  - id: c\n    name: {en: C, cy: D}\n    cluster_title: {en: C C, cy: C D}\n    local_authority: s\n")
    (tmp_path / "data" / "interface.yml").write_text(
        "inline: {en: One line, cy: Un llinell}\n"
        "block:\n"
        "  en: Two lines\n"
        "  cy: Dwy linell\n"
        "tricky:\n"
        "  en: |\n"
        "    An English text that quotes\n"
        "    cy: as its own line\n"
        "  cy: Testun Cymraeg\n",
        "utf-8",
    )
    data, problems = plan_data.read(tmp_path)
    assert problems == []
    lines = {text.where.field: (text.where.line, text.where.line_of("en"), text.where.line_of("cy")) for text in data.texts if text.where.path == "data/interface.yml"}
    assert lines == {"inline": (1, 1, 1), "block": (2, 3, 4), "tricky": (5, 6, 9)}, lines


def test_every_text_of_the_site_has_the_lines_of_its_keys(data):
    """On the real data, each text's `en:` and `cy:` lines hold those keys."""
    files = {}
    for text in data.texts:
        where = text.where
        lines = files.setdefault(where.path, (data.root / where.path).read_text("utf-8").splitlines())
        for locale in LOCALES:
            assert f"{locale}:" in lines[where.line_of(locale) - 1], (where, locale)


# --- The texts made as they were first made ------------------------------------------------------
# _TextBuilder.convert builds each text's field (format_field's writing of its path) a part at a
# time, as it goes down the data, and looks inside mappings and lists only. texts_as_first_made
# is convert as it was first written: every value visited, each Where made from the text's path
# by format_field and Document.line_of. The two must make the same data, the same texts in the
# same order, with the same Where, on any data and on every data file.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import ROOT  # noqa: E402
from hooks.model import strict_yaml  # noqa: E402
from hooks.model.strict_yaml import Document, format_field  # noqa: E402
from hooks.model.texts import Figure, Where  # noqa: E402


def texts_as_first_made(document: Document) -> tuple:
    """(the converted data, its texts in the order made)."""
    texts = []

    def line(path):
        location = document.locations.get(path)
        return location[0] if location else None

    def is_bilingual(value):
        return isinstance(value, dict) and len(value) == 2 and "en" in value and "cy" in value

    def text(bilingual, figures_data, path):
        figures = {name: Figure.from_data(data) for name, data in (figures_data or {}).items()}
        where = Where(document.path, document.line_of(path), format_field(path), line(path + ("en",)), line(path + ("cy",)))
        texts.append(Text(bilingual["en"], bilingual["cy"], figures, where))
        return texts[-1]

    def convert(value, path=()):
        if isinstance(value, list):
            return [convert(item, path + (index,)) for index, item in enumerate(value)]
        if not isinstance(value, dict):
            return value
        if is_bilingual(value):
            return text(value, None, path)
        if is_bilingual(value.get("text")) and "figures" in value:
            made = text(value["text"], value["figures"], path + ("text",))
            if set(value) == {"text", "figures"}:
                return made
            return {"text": made, **{key: convert(item, path + (key,)) for key, item in value.items() if key not in ("text", "figures")}}
        return {key: convert(item, path + (key,)) for key, item in value.items()}

    return convert(document.data), texts


def _plain(value):
    """The data with each Text written out, its Where included (a Text's equality leaves it out)."""
    if isinstance(value, Text):
        return ["Text", value.en, value.cy, value.figures, value.where]
    if isinstance(value, dict):
        return ["dict", [(key, _plain(item)) for key, item in value.items()]]
    if isinstance(value, list):
        return ["list", [_plain(item) for item in value]]
    return [type(value).__name__, repr(value)]


def _assert_made_as_first(document: Document) -> None:
    builder = plan_data._TextBuilder(document, [])
    data, texts = texts_as_first_made(document)
    assert _plain(builder.convert(document.data)) == _plain(data)
    assert [_plain(text) for text in builder.texts] == [_plain(text) for text in texts]


def _every_path(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _every_path(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _every_path(item, path + (index,))


_WORDS = st.text(alphabet="ab ", max_size=3)
_BILINGUAL = st.fixed_dictionaries({"en": _WORDS, "cy": _WORDS})
# Data as the schemas let it be: en and cy together are texts, figures are figures. A mapping
# may hold en and cy among other keys, or text and figures among others.
_KEYS = st.sampled_from(["en", "text", "a", "b_c", ""])
_SHAPED = st.recursive(
    st.one_of(st.none(), st.integers(0, 9), _WORDS, _BILINGUAL, st.builds(lambda text, n: {"text": text, "figures": {"n": n}}, _BILINGUAL, st.integers(0, 9))),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(_KEYS, children, max_size=3),
        st.builds(lambda text, rest: {"text": text, "figures": {"n": 1}, **rest}, _BILINGUAL, st.dictionaries(_KEYS, children, max_size=2)),
        st.builds(lambda text, rest: {**text, **rest}, _BILINGUAL, st.dictionaries(st.sampled_from(["a", ""]), children, max_size=2)),
    ),
    max_leaves=15,
)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(data=st.dictionaries(_KEYS, _SHAPED, max_size=4), chosen=st.data())
def test_texts_are_made_as_first_made_on_any_data(data, chosen):
    paths = list(_every_path(data))
    kept = chosen.draw(st.lists(st.booleans(), min_size=len(paths), max_size=len(paths)))  # some values have no location
    locations = {path: (number, number % 7 + 1) for number, (path, keep) in enumerate(zip(paths, kept), 1) if keep}
    _assert_made_as_first(Document("data/x.yml", data, locations))


def test_texts_are_made_as_first_made_on_every_data_file():
    for path in sorted((ROOT / "data").rglob("*.yml")):
        _assert_made_as_first(strict_yaml.read(path, path.relative_to(ROOT).as_posix()))
