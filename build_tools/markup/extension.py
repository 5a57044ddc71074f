"""``[[id]]`` references as one Python-Markdown extension, for the site and for print.

:class:`RefsExtension` is a preprocessor: it reads an editor's Markdown as written, finds the
references outside code with :func:`build_tools.markup.replace_refs` and puts in their place
what ``resolve(id, tekst)`` returns — Markdown or inline HTML that the rest of Python-Markdown
then renders. It runs before the steps that read Markdown (fenced code included), so what counts as code is
decided once, by the markup module, and never by the order of extensions.

- **Print** (:mod:`build_tools.export.markup`) registers it in its own ``Markdown`` instance;
  its resolver returns the printed cross-reference ("zie pagina N", a note) as HTML, which
  (``html=True``) goes into Python-Markdown's stash whole: no later step (emphasis, glossary
  marks) reaches inside it.
- **The site** (:mod:`build_tools.render.links`) runs the same preprocessor through
  :meth:`RefsExtension.expand` on the Markdown it hands to the engine (MkDocs, ProperDocs or
  Zensical), which renders the rest with the extensions of ``mkdocs.yml``; its resolver returns
  a relative Markdown link, so every engine checks and rewrites it like any other link.

``plain`` is the hook for later steps on running text (first-use marking of glossary terms):
a function applied to each stretch of text outside code and outside references, so a hook never
sees ``[[id]]`` syntax, a code span or a fenced block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from . import Resolve, replace_refs

#: After Python-Markdown's ``normalize_whitespace`` (30: it would remove the stash's markers),
#: before fenced code (25) and raw HTML blocks (20).
PRIORITY = 27


class RefsExtension(Extension):
    """Resolve ``[[id]]`` / ``[[id|tekst]]`` outside code through ``resolve(id, tekst or None)``."""

    def __init__(
        self, resolve: Resolve, *, html: bool = False, plain: Callable[[str], str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.resolve = resolve
        self.html = html  # resolve returns HTML to keep as it is, not Markdown to render
        self.plain = plain

    def expand(self, text: str) -> str:
        """The Markdown ``text`` with its references resolved: the preprocessor's step on its own."""
        if self.html:
            raise ValueError("references resolved to HTML need a Markdown instance: register the extension")
        return replace_refs(text, self.resolve, plain=self.plain)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_RefsPreprocessor(md, self), "wijkengids_refs", PRIORITY)


class _RefsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: RefsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        ext = self.extension
        resolve = ext.resolve
        if ext.html:
            stash = self.md.htmlStash

            def resolve(target: str, label: str | None) -> str:
                return stash.store(ext.resolve(target, label))

        return replace_refs("\n".join(lines), resolve, plain=ext.plain).split("\n")
