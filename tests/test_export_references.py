"""Page references on paper: the wording from their place in the sentence, and the texts a layout must print."""

from __future__ import annotations

from build_tools.export.references import expected_text, fill_pages, mark_references, references, wanted


def _marked(html: str) -> list[str]:
    return [" ".join(sorted(r.classes)) for r in references(mark_references(html))]


def test_a_reference_in_brackets_or_after_zie_is_marked() -> None:
    html = (
        '<p>Zo (bron: <a class="xref" href="#a">A</a>) en <a class="xref" href="#b">B</a>.</p>'
        '<p>Zie ook <a class="xref" href="#c">C</a>; (zie <a class="xref" href="#d">D</a>)</p>'
        '<li>(open</li><li><a class="xref" href="#e">E</a></li>'
    )
    assert _marked(html) == ["in-parens xref", "xref", "after-zie xref", "after-zie in-parens xref", "xref"]


def test_the_text_each_reference_prints() -> None:
    html = mark_references(
        '<p><a class="xref" href="#t">T</a> (<a class="xref" href="#t">T</a>)</p><h2 id="t">T</h2>'
        '<p>zie <a class="xref" href="#t">T</a></p>'
        '<nav><a class="toc-entry" href="#t">T</a></nav>'
    )
    plain, inner, after, toc = references(html)
    assert expected_text(plain, 3, 9) == " (zie pagina\u00a09)"
    assert expected_text(inner, 3, 9) == ", zie pagina\u00a09"
    assert expected_text(after, 3, 9) == " (pagina\u00a09)"
    assert expected_text(toc, 2, 9) == "9"
    # on the page it points at: where, not which page
    assert expected_text(plain, 9, 9) == " (zie hieronder)"
    assert expected_text(after, 9, 9) == " (hierboven)"  # the heading comes before it
    assert expected_text(inner, 9, 9) == ", zie hieronder"
    assert expected_text(plain, 3, None) == " (zie pagina\u00a000)"  # not laid out yet: a placeholder


def test_a_register_names_each_page_once_and_the_texts_are_written_in() -> None:
    html = mark_references(
        '<span id="x1">A</span><span id="x2">A</span><span id="x3">A</span>'
        '<li><a class="reg-page" data-entry="a" href="#x1"></a><a class="reg-page" data-entry="a" href="#x2"></a>'
        '<a class="reg-page" data-entry="a" href="#x3"></a></li>'
    )
    refs = references(html)
    texts = wanted(refs, {"x1": 4, "x2": 4, "x3": 7}, {})
    assert list(texts.values()) == ["4", None, "7"]
    filled = fill_pages(html, texts)
    assert 'id="ref-1" data-ref="4"' in filled and 'id="ref-2" data-ref="" data-dup=""' in filled
