"""One markup module: ``[[id]]`` outside code is a reference, inside code it stays, on the site and in print."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import markdown
import pytest
from conftest import MINIMAL, TODAY

from build_tools import markup
from build_tools.export.markup import MarkdownRenderer, Resolver
from build_tools.link import Catalog
from build_tools.markup.extension import RefsExtension
from build_tools.pipeline import check
from build_tools.render.links import expand_refs, ref_resolver

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"

FIXTURE = """\
Zie [[lange-adem]] en [[overvecht-versnelling|het voorbeeld]], of [[onbekend-record]].
In code blijft het staan: `[[lange-adem]]` en `[[overvecht-versnelling|x]]`.
Ook tussen dubbele backticks: ``[[de-beuk]]`` en `` `[[lange-adem]]` ``.

```
[[lange-adem]] in een blok
```

~~~
[[de-beuk]] in een ander blok
~~~
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return check(MINIMAL, today=TODAY).catalog


def words(html: str) -> list[str]:
    return unescape(re.sub(r"<[^>]+>", "", html)).split()


def site_words(catalog: Catalog, text: str) -> list[str]:
    page = expand_refs(text, ref_resolver(catalog, "lessen/x.md"))
    return words(markdown.markdown(page, extensions=["fenced_code"]))


def print_words(catalog: Catalog, text: str) -> list[str]:
    resolver = Resolver(catalog, "https://wijkengids.example/")
    for record in ("lange-adem", "overvecht-versnelling", "de-beuk"):
        resolver.place(record, "h", f"h__{record}")
    return words(str(MarkdownRenderer(resolver).block(text, "h")))


def test_site_and_print_read_the_same_words(catalog: Catalog) -> None:
    site, paper = site_words(catalog, FIXTURE), print_words(catalog, FIXTURE)
    assert site == paper
    text = " ".join(site)
    assert "Zie Een wijkaanpak vraagt een lange adem en het voorbeeld, of onbekend-record." in text
    assert text.count("[[lange-adem]]") == 3 and "[[de-beuk]] in een ander blok" in text
    assert "backticks: [[de-beuk]] en `[[lange-adem]]`." in text  # the code as written, its backticks only
    assert "[[overvecht-versnelling|x]]" in text


def test_validation_sees_the_references_the_renderers_replace() -> None:
    masked = markup.mask_code(FIXTURE)
    assert len(masked) == len(FIXTURE) and masked.count("\n") == FIXTURE.count("\n")
    found = [(m.group(1), m.group(2)) for m in markup.INLINE_REF.finditer(masked)]
    assert found == [("lange-adem", None), ("overvecht-versnelling", "het voorbeeld"), ("onbekend-record", None)]
    seen: list[tuple[str, str | None]] = []

    def note(target: str, label: str | None) -> str:
        seen.append((target, label))
        return ""

    markup.replace_refs(FIXTURE, note)
    assert seen == found


def test_one_definition_of_the_reference_pattern() -> None:
    """Only build_tools/markup/__init__.py spells the ``[[id]]`` pattern or the code mask."""
    spelled = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "markup" / "__init__.py"
        if r"\[\[" in path.read_text(encoding="utf-8") or "```.*?```" in path.read_text(encoding="utf-8")
    ]
    assert spelled == []


def test_one_extension_renders_references() -> None:
    """Site and print render references through RefsExtension: nothing else calls replace_refs."""
    callers = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if "replace_refs(" in path.read_text(encoding="utf-8")
    ]
    assert callers == ["markup/__init__.py", "markup/extension.py"]
    assert "RefsExtension(" in (PACKAGE / "render" / "links.py").read_text(encoding="utf-8")
    assert "RefsExtension(" in (PACKAGE / "export" / "markup.py").read_text(encoding="utf-8")


def test_the_extension_inside_markdown_and_on_its_own_agree() -> None:
    """Registered in Python-Markdown (print) or run on its own before the engine (site): one result."""

    def resolve(target: str, label: str | None) -> str:
        return f"**{label or target.upper()}**"

    refs = RefsExtension(resolve)
    inside = markdown.markdown(FIXTURE, extensions=[refs, "fenced_code"])
    alone = markdown.markdown(refs.expand(FIXTURE), extensions=["fenced_code"])
    assert inside == alone
    assert "<strong>LANGE-ADEM</strong>" in inside and "<strong>het voorbeeld</strong>" in inside
    assert "<code>[[lange-adem]]</code>" in inside and "[[de-beuk]] in een ander blok" in inside


def test_the_plain_text_hook_sees_neither_code_nor_references() -> None:
    """The hook for later steps on running text (glossary terms) gets only the text between."""
    seen: list[str] = []

    def plain(text: str) -> str:
        seen.append(text)
        return text.replace("blijft", "BLIJFT")

    out = RefsExtension(lambda target, label: f"<{target}>", plain=plain).expand(FIXTURE)
    assert "In code BLIJFT het staan" in out and "<lange-adem>" in out and "`[[lange-adem]]`" in out
    assert not any("[[" in part or "`" in part or "~~~" in part for part in seen)
