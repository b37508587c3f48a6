"""Plain-Python core of the plan site: data loading, rendering and checks.

MkDocs sees only hooks/mkdocs_hooks.py, which turns MkDocs events into calls of this package.
"""
