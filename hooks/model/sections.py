"""The sections of a plan that code computes on, as typed objects: the action plan, the workforce,
the finance, and what the summary says about its source (about).

Made from a plan's validated data (its texts already `Text`s) by `typed()`; the schema
(data/schemas/cluster-plan.schema.json) closes each of them, so every field is here. Other
sections stay as validated mappings: templates only show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hooks.model.texts import Text


@dataclass(frozen=True)
class Goal:
    id: str  # "1.2": linked to by its number
    goal: Text
    methods: tuple
    outcomes: tuple


@dataclass(frozen=True)
class Area:
    number: int
    id: str
    title: Text
    goals: tuple  # of Goal


@dataclass(frozen=True)
class ActionPlan:
    areas: tuple  # of Area
    introduction: Text | None = None


@dataclass(frozen=True)
class Role:
    role: Text
    wte: Decimal | int | None  # whole-time equivalents; None where the plan states none
    purpose: Text
    outcomes: tuple
    funding_note: Text | None = None


@dataclass(frozen=True)
class Workforce:
    roles: tuple  # of Role
    introduction: Text | None = None


@dataclass(frozen=True)
class Project:
    project: Text
    agreed_spend: Decimal | None  # None: the plan states no amount


@dataclass(frozen=True)
class Finance:
    allocation: Decimal
    brokerage: Decimal
    stated_total_available: Decimal
    stated_total_spend: Decimal
    projects: tuple  # of Project
    year: str | None = None  # "2022/23" as the plan writes it
    notes: tuple = ()

    @property
    def total_spend(self) -> Decimal:
        """The total agreed spend, computed from the projects (a project with no amount adds nothing)."""
        return sum((Decimal(p.agreed_spend) for p in self.projects if p.agreed_spend is not None), Decimal("0"))

    @property
    def total_available(self) -> Decimal:
        return self.allocation + self.brokerage


@dataclass(frozen=True)
class About:
    """How a plan's summary relates to its source document ("about this summary"), in lists of texts.

    Each list says exactly, and only, what the summary does differently from the source; an
    empty list is one the plan does not give. The figures a list names are also noted beside
    the figures themselves (a statistic's or item's source_caveat and as_stated).
    """

    introduction: Text
    corrected: tuple = ()  # the source's obvious typing errors, as written and as corrected
    written_out: tuple = ()  # the source's shorthand, written out in full
    left_out: tuple = ()  # columns, sections and other parts of the source not in the summary
    source_notes: tuple = ()  # the source's own notes on its figures ("check source", "check date")
    as_stated: tuple = ()  # figures shown as stated although they do not fit with another

    LISTS = ("corrected", "written_out", "left_out", "source_notes", "as_stated")  # in the order shown

    @property
    def lists(self) -> tuple:
        """(name, texts) of each list the plan gives, in the order shown."""
        return tuple((name, getattr(self, name)) for name in self.LISTS if getattr(self, name))


def _action_plan(value: dict) -> ActionPlan:
    areas = tuple(
        Area(area["number"], area["id"], area["title"], tuple(Goal(g["id"], g["goal"], tuple(g["methods"]), tuple(g["outcomes"])) for g in area["goals"]))
        for area in value["areas"]
    )
    return ActionPlan(areas, value.get("introduction"))


def _workforce(value: dict) -> Workforce:
    roles = tuple(Role(r["role"], r["wte"], r["purpose"], tuple(r["outcomes"]), r.get("funding_note")) for r in value["roles"])
    return Workforce(roles, value.get("introduction"))


def _finance(value: dict) -> Finance:
    projects = tuple(Project(p["project"], p["agreed_spend"]) for p in value["projects"])
    return Finance(value["allocation"], value["brokerage"], value["stated_total_available"], value["stated_total_spend"], projects, value.get("year"), tuple(value.get("notes", ())))


def _about(value: dict) -> About:
    return About(value["introduction"], **{name: tuple(value.get(name, ())) for name in About.LISTS})


TYPED = {"action_plan": _action_plan, "workforce": _workforce, "finance": _finance, "about": _about}


def typed(content: dict) -> dict:
    """The plan's content with its typed sections made objects."""
    return {key: TYPED[key](value) if key in TYPED else value for key, value in content.items()}
