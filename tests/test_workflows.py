"""The GitHub Actions workflows: what an untrusted pull request's code can reach.

A pull request's hooks, config and tests run in CI, so the workflow that runs them must
have a read-only token and no secrets, and must never use pull_request_target (reliability
notes B4). Actions are pinned to commit SHAs, like every other dependency.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def load(path: Path) -> dict[str, Any]:
    # BaseLoader: YAML 1.1 would read the `on:` key as the boolean true.
    return yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    on = workflow["on"]
    return {on: {}} if isinstance(on, str) else dict(on)


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_is_a_pull_request_and_a_deploy_workflow() -> None:
    assert {path.name for path in WORKFLOWS} == {"pull-request.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_no_workflow_runs_untrusted_code_with_write_access(path: Path) -> None:
    workflow = load(path)
    assert "pull_request_target" not in triggers(workflow)
    assert "workflow_run" not in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] == "false"
            assert "ref" not in step.get("with", {})  # never a pull request's head by hand


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_actions_are_pinned_to_commit_shas(path: Path) -> None:
    for line in path.read_text("utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"uses: [\w./-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line), line


def test_pull_requests_get_a_read_only_token_and_the_full_test_run() -> None:
    workflow = load(REPO / ".github/workflows/pull-request.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    for job in workflow["jobs"].values():
        assert "permissions" not in job  # nothing beyond the read-only default
    commands = [step.get("run", "") for step in steps(workflow)]
    assert ".ci/run" in commands


def test_pull_requests_get_a_fast_content_job_apart_from_the_tests() -> None:
    jobs = load(REPO / ".github/workflows/pull-request.yml")["jobs"]
    assert {"content", "test", "properdocs", "audit"} <= set(jobs)
    content = [step.get("run", "") for step in jobs["content"]["steps"]]
    assert ".ci/run" not in content and "needs" not in jobs["content"]
    # Annotations, the strict build, links, the site diff, and a review copy for disk.
    assert ".venv/bin/python -m build_hooks check --format github" in content
    assert ".venv/bin/python -m build_hooks build" in content
    assert any("broken_links" in run for run in content)
    assert any("build_hooks diff" in run and "GITHUB_STEP_SUMMARY" in run for run in content)
    assert any("build --for-disk --site-dir review-site" in run for run in content)
    uploads = [s for s in jobs["content"]["steps"] if "upload-artifact@" in s.get("uses", "")]
    assert [(s["with"]["name"], s["with"]["path"]) for s in uploads] == [("site", "review-site/")]
    properdocs = " ".join(step.get("run", "") for step in jobs["properdocs"]["steps"])
    assert "properdocs==" in properdocs and "properdocs build --strict" in properdocs


def test_only_the_deploy_job_can_write_and_builds_are_reproducible() -> None:
    workflow = load(REPO / ".github/workflows/deploy.yml")
    assert triggers(workflow) == {"push": {"branches": ["main"]}, "workflow_dispatch": ""}
    jobs = workflow["jobs"]
    assert "permissions" not in jobs["build"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert not [step for step in jobs["deploy"]["steps"] if "run" in step]
    build = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert 'export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in build
    assert "make site" in build


def test_the_pull_request_template_has_the_reviewers_checklist() -> None:
    template = (REPO / ".github/pull_request_template.md").read_text("utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", template, re.MULTILINE)
    assert len(boxes) >= 8
    for topic in (
        "make test",
        "source",
        "own words",
        "reported: true",
        "disagree",
        "Chinese names",
        "as_of",
        "maintainer",
    ):
        assert any(topic in box for box in boxes), topic


def test_pre_commit_runs_the_brief_check_on_brief_and_schema_changes() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    check = hooks["check-briefs"]
    assert check["entry"] == "make check" and check["pass_filenames"] is False
    for path in ("briefs/chips/h200.yaml", "build_hooks/schemas/chips.schema.json"):
        assert re.search(check["files"], path)
    assert not re.search(check["files"], "docs/index.md")
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert "\ncheck: $(SITE_STAMP)\n\t$(BIN)/python -m build_hooks check\n" in makefile
