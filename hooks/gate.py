"""The translation gate as the build and `python -m hooks.check` run it: not again for what passed.

The checks (hooks/translation_checks.py) read the pages (content/) and the data (data/), and
nothing else. When every one of those files is byte for byte as it was when the checks last
passed, they pass again: the cache (hooks/cache.py) keeps a record of each clean result, under
a digest of those files. Problems are never kept: they are found, and reported, every time.
"""

from __future__ import annotations

from pathlib import Path

from hooks import cache

PASSED = "gate-passed"


def key(root: Path, data_state: str | None = None) -> str:
    """A digest of everything the checks read; data_state, if known, is the digest of data/."""
    if data_state is None:
        data_state = cache.digest_of(cache.file_digests(root, ("data",)))
    return cache.digest(data_state, cache.digest_of(cache.file_digests(root, ("content",))))


def run(root: Path, publication=None) -> list:
    """Every translation problem of the site at root, or none if these very files passed before.

    publication (hooks/publication.py), when the caller has one, gives the data's state, the
    loaded data and the cache.
    """
    store = publication.cache if publication is not None else cache.Cache(root)
    found_key = key(root, publication.state if publication is not None else None)
    if store.has(PASSED, found_key):
        return []
    from hooks.translation_checks import run_checks  # language identification and page structure: only when needed

    problems = run_checks(root, publication.data if publication is not None else None, store)
    if not problems:
        store.put_text(PASSED, found_key, "")
    return problems
