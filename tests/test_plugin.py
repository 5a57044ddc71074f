"""The MkDocs adapter, event by event: files in and out, errors, `mkdocs serve`, edit links, sanitising."""

from __future__ import annotations

import logging
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from conftest import site_tree
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page

from build_tools import report
from build_tools.pipeline import check
from build_tools.plugin import WijkengidsPlugin
from build_tools.problems import Code

REPO = Path(__file__).resolve().parent.parent


def configured(root: Path) -> tuple[MkDocsConfig, WijkengidsPlugin]:
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["wijkengids"]
    assert isinstance(plugin, WijkengidsPlugin)
    config.plugins.on_config(config)
    return config, plugin


def run_files(plugin: WijkengidsPlugin, config: MkDocsConfig) -> Files:
    """``on_files`` as MkDocs runs it (through the plugin collection, which names the generating plugin)."""
    assert config.plugins["wijkengids"] is plugin  # MkDocs reuses the instance, as during `mkdocs serve`
    files: Files = config.plugins.on_files(get_files(config), config=config)
    return files


def break_lesson(root: Path) -> None:
    path = root / "lessons" / "lange-adem.md"
    path.write_text(path.read_text(encoding="utf-8").replace("  - overvecht-versnelling\n", "  - overvecht\n", 1))


def test_registered_for_mkdocs_and_properdocs() -> None:
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        found = entry_points(group=group).select(name="wijkengids")
        assert [ep.value for ep in found] == ["build_tools.plugin:WijkengidsPlugin"], group


def test_files_record_pages_generated_sources_dropped(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    config, plugin = configured(root)
    plugin.on_startup(command="build", dirty=False)
    files = run_files(plugin, config)
    uris = files.src_uris
    lesson = uris["lessen/lange-adem.md"]
    assert lesson.generated_by == "wijkengids" and lesson.inclusion is InclusionLevel.NOT_IN_NAV
    assert lesson.abs_src_path is None  # in memory, never written into the repository
    assert uris["lessen/index.md"].inclusion is InclusionLevel.INCLUDED
    assert uris["hoofdstukken/inleiding.md"].generated_by == "wijkengids"  # the chapter page, not its source
    assert uris["index.md"].generated_by == "wijkengids"
    for source in ("themas/vertrouwen.yml", "plaatsen/utrecht.yml", "bronnen/debeuk-weerbare-wijken.yml"):
        assert source not in uris
    assert "lessen/wachtlijst.md" not in uris  # concept
    assert "assets/stylesheets/wijkengids.css" in uris and "assets/stylesheets/a11y.css" in uris
    assert config.nav is not None and config.nav[0] == {"Startpagina": "index.md"}
    assert not list(root.rglob("lessen"))  # nothing written into the guide


def test_errors_fail_the_build_with_the_messages_of_wijkengids_check(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = site_tree(tmp_path)
    break_lesson(root)
    expected = [report.format_text(p) for p in check(root).errors]
    assert expected and "[wrong-target]" in expected[0]
    config, plugin = configured(root)
    plugin.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO), pytest.raises(PluginError, match="1 fout"):
        run_files(plugin, config)
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert logged == expected


def test_serve_keeps_the_last_good_site_after_an_invalid_edit(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = site_tree(tmp_path)
    config, plugin = configured(root)
    plugin.on_startup(command="serve", dirty=False)
    first = run_files(plugin, config)
    good = first.src_uris["lessen/lange-adem.md"].content_string

    # an editor breaks a record and saves: `mkdocs serve` rebuilds with a fresh config, same plugin
    break_lesson(root)
    lesson = root / "lessons" / "lange-adem.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: Een wijkaanpak", "title: Een nieuwe"))
    config2 = load_config(str(root / "mkdocs.yml"))
    with caplog.at_level(logging.INFO):
        second = run_files(plugin, config2)  # does not raise
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("lessons/lange-adem.md" in e and "[wrong-target]" in e for e in errors)
    assert any("laatste goede versie" in e for e in errors)
    assert second.src_uris["lessen/lange-adem.md"].content_string == good

    # the editor fixes it: the new title shows without a restart
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("  - overvecht\n", "  - overvecht-versnelling\n", 1))
    third = run_files(plugin, load_config(str(root / "mkdocs.yml")))
    assert '\ntitle: "Een nieuwe vraagt een lange adem"\n' in third.src_uris["lessen/lange-adem.md"].content_string
    assert "\n# Een nieuwe vraagt een lange adem\n" in third.src_uris["lessen/lange-adem.md"].content_string


def test_serve_with_an_invalid_guide_from_the_start_fails(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    break_lesson(root)
    config, plugin = configured(root)
    plugin.on_startup(command="serve", dirty=False)
    with pytest.raises(PluginError):
        run_files(plugin, config)


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_lessons_examples_and_guide(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    config, plugin = configured(root)
    server = FakeServer()
    assert plugin.on_serve(server, config=config, builder=lambda: None) is server
    assert server.watched == [str(root / "lessons"), str(root / "examples"), str(root / "guide")]


def page_for(files: Files, src_uri: str, config: MkDocsConfig) -> Page:
    return Page(None, files.src_uris[src_uri], config)


def test_edit_link_opens_the_record_file(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    config, plugin = configured(root)
    plugin.on_startup(command="build", dirty=False)
    files = run_files(plugin, config)
    base = "https://github.com/wijkengids/wijkengids/edit/main/"
    expected = {
        "lessen/lange-adem.md": base + "lessons/lange-adem.md",
        "hoofdstukken/inleiding.md": base + "guide/hoofdstukken/inleiding.md",
        "themas/vertrouwen.md": base + "guide/themas/vertrouwen.yml",
        "citaten/springplank.md": base + "examples/citaten/springplank.yml",
        "lessen/index.md": None,  # a generated overview has no file to edit
    }
    for src, url in expected.items():
        page = page_for(files, src, config)
        plugin.on_page_markdown("", page=page, config=config, files=files)
        assert page.edit_url == url, src


def test_edit_root_can_be_given(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - wijkengids\n", "  - wijkengids:\n      edit_root: https://example.org/edit/\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    config, plugin = configured(root)
    plugin.on_startup(command="build", dirty=False)
    files = run_files(plugin, config)
    page = page_for(files, "lessen/lange-adem.md", config)
    plugin.on_page_markdown("", page=page, config=config, files=files)
    assert page.edit_url == "https://example.org/edit/lessons/lange-adem.md"


def test_every_page_is_sanitised_by_the_markdown_extension_of_mkdocs_yml(tmp_path: Path) -> None:
    """The sanitiser is a Markdown extension: it runs in every engine, with or without this plugin."""
    import markdown

    root = site_tree(tmp_path)
    (root / "guide" / "over.md").write_text("# Over\n", encoding="utf-8")
    config, plugin = configured(root)
    assert config.markdown_extensions[-1] == "build_tools.render.sanitize"
    plugin.on_startup(command="build", dirty=False)
    run_files(plugin, config)
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    hostile = 'Tekst <span onclick="x()">a</span>\n\n<script>alert(1)</script>\n'
    assert md.convert(hostile) == "<p>Tekst <span>a</span></p>"
    assert config.nav is not None and config.nav[-1] == "over.md"  # hand-written pages stay in the nav


def test_the_home_page_text_comes_from_guide_index(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    (root / "guide" / "index.md").write_text(
        "---\nomschrijving: niet tonen\n---\n\nWelkom bij [[lange-adem|de lange adem]].\n", encoding="utf-8"
    )
    config, plugin = configured(root)
    plugin.on_startup(command="build", dirty=False)
    files = run_files(plugin, config)
    home = files.src_uris["index.md"]
    assert home.generated_by == "wijkengids"
    text = home.content_string
    assert text.startswith('---\ndescription: "Welkom bij de lange adem."\n---\n\n')
    assert "\n# Wijkengids\n\nWelkom bij [de lange adem](lessen/lange-adem.md)." in text
    assert "niet tonen" not in text and "### Per thema" in text
    page = page_for(files, "index.md", config)
    plugin.on_page_markdown("", page=page, config=config, files=files)
    assert page.edit_url == "https://github.com/wijkengids/wijkengids/edit/main/guide/index.md"


def test_stale_records_are_reported_as_wijkengids_check_does_without_failing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = site_tree(tmp_path)
    (root / "pyproject.toml").write_text("[tool.wijkengids]\nstale_after_days = 1\n", encoding="utf-8")
    expected = [report.format_text(p) for p in check(root, stale_after_days=1).problems if p.code == Code.STALE]
    assert expected
    config, plugin = configured(root)
    plugin.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO):
        files = run_files(plugin, config)  # warnings do not stop the build
    assert "lessen/lange-adem.md" in files.src_uris
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert all(line in logged for line in expected)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]  # a strict build stays green


@pytest.mark.parametrize("days", [0, -5])
def test_the_plugin_refuses_a_stale_limit_below_one_day(tmp_path: Path, days: int) -> None:
    """The plugin's option obeys the same rule as ``[tool.wijkengids]`` and ``--stale-after``."""
    root = site_tree(tmp_path)
    mkdocs_yml = root / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    assert "  - wijkengids\n" in text
    mkdocs_yml.write_text(text.replace("  - wijkengids\n", f"  - wijkengids:\n      stale_after_days: {days}\n"))
    config, plugin = configured(root)
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(
        PluginError, match=rf"stale_after_days moet een geheel aantal dagen zijn \(1 of meer\), niet {days}"
    ):
        run_files(plugin, config)
