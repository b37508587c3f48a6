"""The text of a page's HTML, reached from the words to mark rather than from every tag.

abbreviations.mark (each abbreviation in <abbr title>) and render.mark_english_names (each
English name in <span lang="en"> on a Welsh page) read a page's HTML the same way: a tag is a
"<" up to the next ">", the text between two tags is cut at each character reference (&amp;,
&#39;) into pieces, each piece of text outside the elements they leave alone (code, scripts,
an existing <abbr>...) goes through their substitution, and nothing else is touched.

Going over every tag and every piece of text in Python cost more than the rest of their work
(a page holds a thousand tags and a few words to mark). So `mark_pieces` finds the pieces from
the words instead: a search of the whole page for the substitution's own pattern (`finder`)
stops wherever a listed word is, and only the piece of text around each stop goes through the
substitution, the same substitution of the same piece as before. The result is the same by
construction, whatever the HTML:

- the finder matches (at least) wherever the substitution's pattern can match, so every piece
  the substitution would change holds a stop;
- a piece with a stop but nothing to change comes back from the substitution unchanged;
- a stop inside a tag, a character reference or an element left alone changes nothing.

That holds as long as the substitution's pattern looks at what is before and after a word only
to refuse a letter, a digit or such (never "<", ">", "&" or ";"), so that a piece reads the same
inside the page as on its own; both patterns do (see their modules).
"""

from __future__ import annotations

import re
from bisect import bisect_left

# A character reference, as the text is cut at them (the same expression as before).
ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")


def words_pattern(words, refused_before: str, after: str) -> re.Pattern:
    """The pattern (?<![refused_before])(word|word|...)after, the longest word first, written
    so that the engine finds it quickly: the words as a tree of their letters, each word's look
    back at its end.

    A pattern that begins by looking back is tried at every character of a page; one that begins
    with its words lets the engine go straight to their first letters. Written as a tree
    ("CO(?:VER|VID)"), the words that share a beginning are read once, and a capital that begins
    no word ("The") fails at its second letter. "word(?<![...]word)" looks back over the word it
    has just read, at the character before it: the same test of the same character, so the two
    match at exactly the same places and take the same word (see _letters_tree).
    """
    return re.compile("(" + _letters_tree(words, refused_before) + ")" + after)


def _letters_tree(words, refused_before: str) -> str:
    """An alternation of words with their look back, as a tree of their letters: it matches where
    "word(?<![refused_before]word)|..." (the longest word first) matches, and takes the same word.

    The words that match at one place are each the beginning of the next, so they all lie on one
    branch of the tree; along it the pattern goes on to the longer words before it ends a
    shorter one (the "end here" alternative comes last), so it takes the longest word that
    matches there and lets what follows hold, as the longest-first alternation does.
    """
    return _branch(sorted(set(words)), 0, lambda word: f"(?<![{refused_before}]{re.escape(word)})")


def _branch(words: list, shared: int, at_end) -> str:
    """The pattern of the words (sorted, each once) after the first `shared` letters, which they
    all share: for each next letter, the run of letters its words share and their own branch;
    then at_end(word) of the word that ends there, if one does. The empty pattern for no words.

    Sorted, the words that go on with one letter are side by side, and the first and the last of
    them share what they all share; a word that ends here comes first.
    """
    alternatives, ended, first = [], None, 0
    if words and len(words[0]) == shared:
        ended, first = words[0], 1
    while first < len(words):
        letter = words[first][shared]
        last = first
        while last + 1 < len(words) and words[last + 1][shared] == letter:
            last += 1
        if first == last:  # a word alone on its branch: the rest of it
            alternatives.append(re.escape(words[first][shared:]) + at_end(words[first]))
        else:
            common = _shared_length(words[first], words[last], shared + 1)
            alternatives.append(re.escape(words[first][shared:common]) + _branch(words[first : last + 1], common, at_end))
        first = last + 1
    if ended is not None:
        alternatives.append(at_end(ended))
    if len(alternatives) <= 1:
        return "".join(alternatives)
    return "(?:" + "|".join(alternatives) + ")"


def _shared_length(one: str, other: str, start: int) -> int:
    """How many letters one and other share from their beginning, given that they share `start`."""
    end = min(len(one), len(other))
    while start < end and one[start] == other[start]:
        start += 1
    return start


def tag_names(names) -> re.Pattern:
    """What tags(html, ...) looks for: a "<", then slashes or spaces, then one of names in any case
    (a superset of the tags the callers read as one of names: they decide). The names are
    written as a tree of their letters ("s(?:cript|tyle)"), each beginning read once: the same
    tags' "<" as the plain alternation, since a hit holds no "<" but its first."""
    return re.compile(r"<[/\s]*+(?i:" + _branch(sorted(set(names)), 0, lambda name: "") + ")")


def tags(html: str, named: re.Pattern):
    """(start, tag) of each tag of html at whose "<" the expression named (tag_names) matches, in order.

    A tag is what the old split by "<[^>]*>" took for one: a "<" (the first after the previous
    tag's end) up to the next ">". named only picks out the tags worth reading (those whose name
    might be one of a few); the caller reads each tag's name as it always did.
    """
    text = 0  # html is text here (not inside a tag): its start, or the end of the last tag found
    for hit in named.finditer(html):
        start = hit.start()
        if start < text:
            continue  # inside the last tag found
        end = html.find(">", start)
        if end == -1:
            return  # no ">" after it: text, as is every "<" after it
        opened = html.find("<", max(html.rfind(">", text, start) + 1, text), start) != -1  # a "<" since the last ">"
        text = end + 1
        if not opened:
            yield start, html[start:text]


def mark_pieces(html: str, finder: re.Pattern, mark, left_alone: list) -> str:
    """html with mark(piece) in place of each piece of its text where finder stops.

    finder: mark's own pattern (or any that matches wherever it does), looked for in the whole page.
    left_alone: the stretches (start, end) of html whose text is not marked, in order: from
    the "<" of the tag that begins one (a position in it not included) to the end of the tag
    that ends it (not included).

    Each part of the page is looked at once at most (what lies between two stops, by the search
    and by the look back for the tags), so that the time stays in proportion to the page.
    """
    opened = [start for start, _ in left_alone]
    out, done, position = [], 0, 0
    text_start, text_end = 0, _text_end(html, 0)  # the text that holds the last stop
    while position <= len(html):
        stop = finder.search(html, position)
        if stop is None:
            break
        at = stop.start()
        if at > text_end:  # beyond that text and the tag that ends it
            tag_end, text_start = _beyond(html, text_end, at)
            if tag_end is not None:  # inside a tag
                position, text_start, text_end = tag_end, tag_end, _text_end(html, tag_end)
                continue
            text_end = _text_end(html, at)
        stretch = bisect_left(opened, at) - 1
        if stretch >= 0 and at < left_alone[stretch][1]:
            position = left_alone[stretch][1]  # left alone up to there
            continue
        if text_start == text_end:
            position = text_end + 1  # an empty text between two tags, never marked
            continue
        piece_start, piece_end, reference_end = _piece_around(html, at, text_start, text_end)
        if reference_end is not None:
            position = reference_end  # inside a character reference
            continue
        out.append(html[done:piece_start])
        out.append(mark(html[piece_start:piece_end]))
        done, position = piece_end, piece_end + 1
    out.append(html[done:])
    return "".join(out)


def _text_end(html: str, at: int) -> int:
    """Where the text that holds position at ends: at the next tag's "<", or at the end of html."""
    end = html.find("<", at)
    return len(html) if end == -1 or html.find(">", end) == -1 else end


def _beyond(html: str, tag_start: int, at: int) -> tuple:
    """Where position at is, at or after the tag that begins at tag_start: (the end of the tag that
    holds it, None), or (None, the start of the text that holds it)."""
    close = html.find(">", tag_start)  # that tag's end: html is text after it
    if at <= close:
        return close + 1, None
    last_close = html.rfind(">", close + 1, at)
    if html.find("<", max(last_close + 1, close + 1), at) != -1:  # a "<" since the last ">": at is in a tag, if it ends
        end = html.find(">", at)
        if end != -1:
            return end + 1, None
    while last_close != -1 and not _ends_tag(html, close + 1, last_close):
        last_close = html.rfind(">", close + 1, last_close)  # a ">" of the text
    return None, (close if last_close == -1 else last_close) + 1


def _ends_tag(html: str, text: int, close: int) -> bool:
    """Whether the ">" at close ends a tag, html being text at position text (before close)."""
    return html.find("<", max(html.rfind(">", text, close) + 1, text), close) != -1
def _piece_around(html: str, at: int, text_start: int, text_end: int) -> tuple:
    """(start, end, None) of the piece of the text that holds position at, between character
    references; (None, None, end of the reference) when at is inside one."""
    start = text_start
    before = html.rfind("&", text_start, at)
    while before != -1:
        reference = ENTITY.match(html, before)
        if reference:
            if reference.end() > at:
                return None, None, reference.end()
            start = reference.end()
            break
        before = html.rfind("&", text_start, before)
    after = html.find("&", at, text_end)
    while after != -1 and not ENTITY.match(html, after):
        after = html.find("&", after + 1, text_end)
    return start, text_end if after == -1 else after, None
