"""The contributor guide and the translation rules, in English and in Welsh.

- docs/cyfrannu.md and docs/rheolau-cyfieithu.md exist and keep the shape of their English
  counterparts: the same headings at each level, the same table rows, the same code blocks
  (word for word), and every rule id the English names;
- every rule id the code can report is explained in docs/translation-rules.md or
  docs/contributing.md. The ids are read from the code itself (hooks/*.py): the constant
  passed as the rule of a Problem, or of any function or exception that takes a `rule`
  parameter, and the JSON Schema keywords behind the `schema-{keyword}` rules.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAIRS = [("contributing.md", "cyfrannu.md"), ("translation-rules.md", "rheolau-cyfieithu.md")]
ENGLISH_DOCS = [DOCS / en for en, _ in PAIRS]

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")  # yaml-tab, yaml-base-60
# In the docs, also the schema rules named after JSON Schema keywords (schema-minLength).
BACKTICKED_RULE_ID = re.compile(r"`([a-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)`")

# Rule ids the code reports that the English docs do not explain yet. Each is a gap in the
# docs (the fix is to document it there, then remove it here); the test fails if a new one
# appears, or if one listed here becomes documented or disappears from the code.
KNOWN_UNDOCUMENTED: set = set()  # every rule id in hooks/ is documented


# --- The shape of a Markdown document -----------------------------------------------------------


def _split(text: str) -> tuple[list[str], list[str]]:
    """The lines outside fenced code blocks, and the contents of each fenced block."""
    prose, blocks, fence, block = [], [], None, []
    for line in text.splitlines():
        stripped = line.strip()
        if fence is None:
            match = re.match(r"(`{3,}|~{3,})", stripped)
            if match:
                fence, block = match.group(1), [line]
            else:
                prose.append(line)
        else:
            block.append(line)
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                blocks.append("\n".join(block))
                fence = None
    assert fence is None, "a fenced code block is never closed"
    return prose, blocks


def _shape(path: Path) -> dict:
    prose, blocks = _split(path.read_text(encoding="utf-8"))
    levels: dict = {}
    for line in prose:
        match = re.match(r"(#{1,6}) \S", line)
        if match:
            levels[len(match.group(1))] = levels.get(len(match.group(1)), 0) + 1
    return {
        "headings": levels,
        "table_rows": sum(1 for line in prose if line.lstrip().startswith("|")),
        "code_blocks": [_dedent(block) for block in blocks],
        "rule_ids": set(BACKTICKED_RULE_ID.findall("\n".join(prose))),
    }


def _dedent(block: str) -> str:
    lines = block.splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "\n".join(line[indent:] for line in lines)


@pytest.mark.parametrize(("english", "welsh"), PAIRS)
def test_welsh_version_exists_and_links_both_ways(english, welsh):
    en_text = (DOCS / english).read_text(encoding="utf-8")
    cy_path = DOCS / welsh
    assert cy_path.exists(), f"docs/{welsh} is missing"
    cy_text = cy_path.read_text(encoding="utf-8")
    assert f"]({welsh})" in "\n".join(en_text.splitlines()[:3]), f"docs/{english} does not link to docs/{welsh} at its top"
    assert f"]({english})" in "\n".join(cy_text.splitlines()[:3]), f"docs/{welsh} does not link to docs/{english} at its top"


@pytest.mark.parametrize(("english", "welsh"), PAIRS)
def test_welsh_keeps_the_structure(english, welsh):
    en, cy = _shape(DOCS / english), _shape(DOCS / welsh)
    assert cy["headings"] == en["headings"], "headings per level differ"
    assert cy["table_rows"] == en["table_rows"], "table rows differ"
    assert cy["code_blocks"] == en["code_blocks"], "code blocks differ (they are never translated)"


@pytest.mark.parametrize(("english", "welsh"), PAIRS)
def test_welsh_names_every_rule_id(english, welsh):
    en, cy = _shape(DOCS / english), _shape(DOCS / welsh)
    assert en["rule_ids"], f"no rule ids found in docs/{english}"
    assert sorted(en["rule_ids"] - cy["rule_ids"]) == []


@pytest.mark.parametrize(("english", "welsh"), PAIRS)
def test_welsh_links_point_to_welsh_docs(english, welsh):
    cy_text = (DOCS / welsh).read_text(encoding="utf-8")
    for en_name, cy_name in PAIRS:
        if en_name != english:
            assert f"]({en_name})" not in cy_text, f"docs/{welsh} links to docs/{en_name} instead of docs/{cy_name}"


# --- The rule ids in the code -------------------------------------------------------------------


def _schema_keywords() -> set[str]:
    """The JSON Schema keywords in data/schemas/ that report a mistake under their own name.

    schemas.py reports each mistake as `schema-{keyword}`. Keywords that only apply other
    schemas ($ref, properties, items, allOf, propertyNames, ...) report the mistakes of the
    schemas they apply, under those schemas' keywords.
    """
    known = set(jsonschema.Draft202012Validator.VALIDATORS)
    applicators = {"$ref", "$dynamicRef", "properties", "patternProperties", "items", "prefixItems", "allOf",
                   "if", "then", "else", "propertyNames", "dependentSchemas", "unevaluatedItems", "unevaluatedProperties"}
    found: set = set()

    def walk(schema) -> None:
        if not isinstance(schema, dict):
            return
        for key, value in schema.items():
            if key in known:
                found.add(key)
            if key in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas"):
                for sub in value.values():
                    walk(sub)
            elif key in ("allOf", "anyOf", "oneOf", "prefixItems"):
                for sub in value:
                    walk(sub)
            elif key in ("items", "additionalProperties", "propertyNames", "not", "if", "then", "else", "contains",
                         "unevaluatedItems", "unevaluatedProperties"):
                walk(value)

    for path in sorted((ROOT / "data" / "schemas").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found - applicators


class _RuleCollector:
    """Finds, in hooks/*.py, every value passed as a rule to Problem or to anything taking a `rule`."""

    def __init__(self) -> None:
        self.trees = {path.relative_to(ROOT / "hooks").as_posix(): ast.parse(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "hooks").rglob("*.py"))}
        self.parents = {}
        for tree in self.trees.values():
            for node in ast.walk(tree):
                for child in ast.iter_child_nodes(node):
                    self.parents[child] = node
        self.takers = self._rule_takers()
        self.rules: set = set()
        self.unreadable: list = []
        self.prefixed: set = set()

    def _rule_takers(self) -> dict:
        """(module or None, name, is_method) -> position of the rule among the positional arguments."""
        takers = {}
        for module, tree in self.trees.items():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
                    if "rule" in fields:  # a dataclass such as Problem
                        takers[(None, node.name, False)] = fields.index("rule")
                    for item in node.body:
                        if isinstance(item, ast.FunctionDef):
                            names = [a.arg for a in item.args.posonlyargs + item.args.args][1:]
                            if "rule" in names:
                                key = (None, node.name, False) if item.name == "__init__" else (module, item.name, True)
                                takers[key] = names.index("rule")
                elif isinstance(node, ast.FunctionDef) and not isinstance(self.parents.get(node), ast.ClassDef):
                    names = [a.arg for a in node.args.posonlyargs + node.args.args]
                    if "rule" in names:
                        takers[(module, node.name, False)] = names.index("rule")
        return takers

    def _taker(self, module: str, call: ast.Call):
        func = call.func
        if isinstance(func, ast.Name):
            return self.takers.get((module, func.id, False), self.takers.get((None, func.id, False)))
        if isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and func.value.id == "self":
                return self.takers.get((module, func.attr, True))
            return self.takers.get((None, func.attr, False))
        return None

    def _scopes(self, node):
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
                yield node

    def _values(self, module: str, expr, at) -> set | None:
        """The rule ids an expression can hold, or None if it cannot be read."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, (ast.Tuple, ast.List)):
            return None
        if isinstance(expr, ast.IfExp):
            body, orelse = self._values(module, expr.body, at), self._values(module, expr.orelse, at)
            return None if body is None or orelse is None else body | orelse
        if isinstance(expr, ast.JoinedStr):
            head, *rest = expr.values
            if (isinstance(head, ast.Constant) and len(rest) == 1 and isinstance(rest[0], ast.FormattedValue)
                    and isinstance(rest[0].value, ast.Attribute) and rest[0].value.attr == "validator"):
                self.prefixed.add(head.value)
                return {head.value + keyword for keyword in _schema_keywords()}
            return None
        if isinstance(expr, ast.Attribute) and expr.attr == "rule":
            return set()  # passed on from an exception or problem made elsewhere, read there
        if isinstance(expr, ast.Name):
            return self._name_values(module, expr.id, at)
        return None

    def _name_values(self, module: str, name: str, at) -> set | None:
        for scope in self._scopes(at):
            arguments = getattr(scope, "args", None)
            if arguments is not None and name in [a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]:
                if name == "rule":
                    return set()  # forwarded: read where the function is called
                default = self._default(arguments, name)
                if default is not None:
                    return self._values(module, default, scope)
            values, bound = set(), False
            for node in ast.walk(scope):
                if isinstance(node, ast.For):
                    found = self._loop_values(module, node, name)
                    if found is not None:
                        values |= found
                        bound = True
                elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                    found = self._values(module, node.value, node)
                    if found is None:
                        return None
                    values |= found
                    bound = True
            if bound:
                return values
        return None

    @staticmethod
    def _default(arguments, name):
        positional = arguments.posonlyargs + arguments.args
        defaults = dict(zip([a.arg for a in positional][len(positional) - len(arguments.defaults):], arguments.defaults))
        defaults.update({a.arg: d for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is not None})
        return defaults.get(name)

    def _loop_values(self, module: str, loop: ast.For, name: str) -> set | None:
        if not isinstance(loop.target, ast.Tuple):
            return None
        names = [t.id if isinstance(t, ast.Name) else None for t in loop.target.elts]
        if name not in names:
            return None
        index, items = names.index(name), loop.iter
        if isinstance(items, ast.Name):
            items = next((n.value for n in ast.walk(self.trees[module]) if isinstance(n, ast.Assign)
                          and any(isinstance(t, ast.Name) and t.id == items.id for t in n.targets)), None)
        if not isinstance(items, (ast.Tuple, ast.List)):
            return None
        values = set()
        for item in items.elts:
            if not isinstance(item, (ast.Tuple, ast.List)) or len(item.elts) <= index:
                return None
            found = self._values(module, item.elts[index], loop)
            if found is None:
                return None
            values |= found
        return values

    def collect(self) -> set:
        for module, tree in self.trees.items():
            for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
                position = self._taker(module, call)
                if position is None:
                    continue
                argument = next((k.value for k in call.keywords if k.arg == "rule"), None)
                if argument is None:
                    if any(isinstance(a, ast.Starred) for a in call.args[: position + 1]) or len(call.args) <= position:
                        self.unreadable.append(f"hooks/{module}:{call.lineno}")
                        continue
                    argument = call.args[position]
                values = self._values(module, argument, call)
                if values is None:
                    self.unreadable.append(f"hooks/{module}:{call.lineno}: {ast.unparse(argument)}")
                else:
                    self.rules |= values
        return self.rules


@pytest.fixture(scope="module")
def code_rules():
    collector = _RuleCollector()
    rules = collector.collect()
    assert collector.unreadable == [], "rules passed in a way this test cannot read; teach _RuleCollector about them"
    return rules


def _documented(rule: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(rule)}(?![\w-])", text) is not None


def test_rule_collector_finds_the_rules(code_rules):
    # One of each way a rule is given: Problem(...), a helper, an exception, a loop over a
    # table, a keyword argument, and the schema keywords.
    expected = {"translation-stale", "fingerprint-file", "figure-missing", "plan-goal-number", "yaml-tab",
                "yaml-boolean-word", "yaml-exponent", "marker-unknown", "marker-mismatch", "list-mismatch",
                "table-mismatch", "wrong-language", "schema-required", "schema-additionalProperties"}
    assert sorted(expected - code_rules) == []
    assert sorted(rule for rule in code_rules if not RULE_ID.match(rule) and not rule.startswith("schema-")) == []


def test_every_rule_in_the_code_is_documented(code_rules):
    text = "\n".join(path.read_text(encoding="utf-8") for path in ENGLISH_DOCS)
    undocumented = {rule for rule in code_rules if not _documented(rule, text)}
    assert sorted(undocumented - KNOWN_UNDOCUMENTED) == [], "rule ids missing from docs/translation-rules.md and docs/contributing.md"
    assert sorted(KNOWN_UNDOCUMENTED - undocumented) == [], "now documented (or gone from the code): remove from KNOWN_UNDOCUMENTED"
