"""Plain-Python core of the plan site. The folders are the layers; each depends only on those above it:

    model/       the data and its reading: strict YAML, schemas, texts and figures, plans (plan_data)
    rendering/   what is published from the model: block markers and blocks (render), open data,
                 feeds, the Welsh search index, drafts, abbreviations marked <abbr> (abbreviations)
    checks/      links, navigation, safety, and the translation gate (translation_checks)
    publication.py  the one pipeline: every input read once, every page rendered, every check run
    check.py, build.py, new.py, translations.py, pull_request.py   the commands (python -m hooks.NAME)
    translator_formats.py   XLIFF, TMX and TBX for translators' tools (used by translations.py)
    commands.py     a command as a person types it on their system, in a message
    mkdocs_hooks.py, engine.py   the only modules that know MkDocs (mkdocs_hooks.py is what it calls)
    theme.py        the site's changes to the installed theme's templates (base.html and the partials
                    header, search, toc, language), applied on every build; engine.py puts the result
                    before overrides/
    problems.py, files.py, spreadsheet.py   the problem type, safe file writing, spreadsheet cells

Where a change goes: a block is a line in rendering/render.py's BLOCKS and a template in
templates/; a translation rule is a function in checks/translation_checks.py and its line in
that file's GATE_RULES (the one table of the gate's rules and their ids); a problem's words are
given where it is made, in English and Welsh (message, message_cy); how money is written is
model/locales.py; what an abbreviation stands for is a line of data/abbreviations.yml, in each language.
"""
