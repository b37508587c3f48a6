"""Messages for people: places counted from 1, no regular expressions, problems called what they are.

A problem of a data file names its exact place (priorities[1].goal, counted from 0 as the
schemas and the fingerprint keys count) and, beside it, the place as people count it
(priority 2, goal).
"""

from __future__ import annotations

import pytest

from hooks.problems import ITEM_NOUNS, Problem, describe_field


@pytest.mark.parametrize(
    "place, described",
    [
        ("plan.priorities[1].goal", "plan, priority 2, goal"),
        ("priorities[0].goals[2].methods[0]", "priority 1, goal 3, method 1"),
        ("priorities[1].goal.cy", "priority 2, goal, the Welsh"),
        ("key_facts[0].source_url", "key fact 1, source_url"),
        ("clusters[7].name.en", "cluster 8, name, the English"),
        ("swot.strengths[9]", "swot, strength 10"),
        ("unheard_of[4].name", "item 5 of unheard_of, name"),
        ("tables[0][3]", "item 1 of tables, item 4"),
        ("title", "title"),
    ],
)
def test_a_place_is_described_counting_from_1(place, described):
    assert describe_field(place) == described


def test_every_list_of_the_data_has_a_noun():
    """Every list the data files hold (found by reading them) has its noun for an item."""
    import yaml

    from conftest import ROOT

    lists = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, list):
                    lists.add(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((ROOT / "data").rglob("*.yml")):
        walk(yaml.safe_load(path.read_text("utf-8")))
    assert lists and not lists - set(ITEM_NOUNS), sorted(lists - set(ITEM_NOUNS))


def test_a_problem_shows_both_places_in_each_format():
    problem = Problem("data/plans/afan/2023-24.yml", 12, "schema-required", "the goal is missing", "write it", field="priorities[1].goal")
    assert "(at priorities[1].goal: priority 2, goal)" in problem.as_text()
    assert "(at priorities[1].goal: priority 2, goal)" in problem.as_github()
    assert problem.as_dict()["field"] == "priorities[1].goal"  # tools get the exact place, unchanged


def test_a_place_without_a_list_is_not_repeated():
    problem = Problem("data/interface.yml", 3, "text-empty", "the Welsh of this text is empty", "write it", field="financial_year")
    assert "(at financial_year)" in problem.as_text()
