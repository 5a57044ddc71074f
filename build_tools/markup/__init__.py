"""The guide's Markdown rules, declared once: inline references, code, links and raw HTML.

``[[id]]`` and ``[[id|tekst]]`` name another record inside Markdown text. Inside code —
a code span (`` `[[id]]` ``) or a fenced block (```` ``` ```` or ``~~~``) — they stay as
written. Validation (:mod:`build_tools.validate`) finds references and unsafe markup with
these patterns; the site and print render references through one Python-Markdown extension,
:class:`build_tools.markup.extension.RefsExtension`, which replaces them through
:func:`replace_refs` — so the three never disagree about what is a reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: ``[[id]]`` or ``[[id|tekst]]``: a reference to another record inside Markdown.
INLINE_REF = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")  # no '[' inside: linear on '[[[[…'
#: References in brackets after a sentence, ``([[bron-a]], [[bron-b]])``: a citation, not part of the text.
CITED_REFS = re.compile(r"\s*\((?:\[\[[^\]]+\]\](?:,\s*|;\s*)?)+\)")
#: Fenced or inline code: what is inside stays as written (references, links and HTML alike).
#: A code span opens with a run of backticks and closes with a run of the same length
#: (```` `` `[[id]]` `` ```` is code, as Markdown reads it).
CODE = re.compile(r"```.*?```|~~~.*?~~~|(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)", re.DOTALL)
#: An HTML comment, or a tag closed by '>' (as Markdown reads it: ``a<b en c`` stays text).
HTML = re.compile(r"<(?:(!--)|(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>)")
#: The address of a Markdown link: inline, a reference definition, or an autolink.
LINK = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s>]*\))*)"  # [tekst](adres), one level of parentheses inside
    r"|^[ ]{0,3}\[[^\[\]\n]+\]:[ \t]*<?(\S*?)>?[ \t]*$"  # [label]: adres, on one line
    r"|<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>",  # <scheme:adres>
    re.M,
)
#: The start of a Markdown image, ``![alt](adres)`` or ``![alt][label]``.
IMAGE = re.compile(r"!\[")
#: ``onclick=`` and the like inside a tag.
EVENT_ATTRIBUTE = re.compile(r"\s(on[a-z]+)\s*=", re.IGNORECASE)
#: The scheme of an address, ``https:`` in ``https://…``.
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: The schemes a link to the outside may use.
ALLOWED_SCHEMES = frozenset(("http", "https", "mailto", "tel"))


def mask_code(text: str) -> str:
    """``text`` with every character of code replaced by a space (newlines kept): offsets stay valid."""
    if "`" not in text and "~~~" not in text:
        return text
    return CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


#: How a reference reads: ``resolve(id, tekst or None)`` returns the Markdown (or inline HTML) in its place.
Resolve = Callable[[str, str | None], str]


def replace_refs(text: str, replace: Resolve, *, plain: Callable[[str], str] | None = None) -> str:
    """Every ``[[id]]`` / ``[[id|tekst]]`` outside code replaced by ``replace(id, tekst or None)``.

    ``plain``, when given, rewrites each stretch of text outside code and outside references.
    """
    if "[[" not in text and plain is None:
        return text

    def expand(part: str) -> str:
        if plain is None:
            return INLINE_REF.sub(lambda m: replace(m.group(1).strip(), _label(m.group(2))), part)
        pieces: list[str] = []
        last = 0
        for m in INLINE_REF.finditer(part):
            pieces += [plain(part[last : m.start()]), replace(m.group(1).strip(), _label(m.group(2)))]
            last = m.end()
        pieces.append(plain(part[last:]))
        return "".join(pieces)

    out: list[str] = []
    last = 0
    for code in CODE.finditer(text):
        out.append(expand(text[last : code.start()]))
        out.append(code.group())
        last = code.end()
    out.append(expand(text[last:]))
    return "".join(out)


def _label(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None
