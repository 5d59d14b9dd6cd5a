"""A newcomer's first contribution, scripted: scaffold a chip, read what the check says,
fill the template in, check again, build. The new page appears, linked from its
designer's page and the chips index, and nothing but the new brief changed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import digest, make_project, run_cli

pytestmark = pytest.mark.slow


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Run from inside the project, as a person at a terminal would.
    return run_cli(*args, cwd=project)


def test_a_newcomer_adds_a_chip_without_touching_code(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    before = digest(project, skip=["site"])

    made = run(project, "new", "chips", "Acme X200")
    assert made.returncode == 0 and made.stdout == "briefs/chips/acme-x200.yaml\n"
    assert "python -m build_hooks check briefs/chips/acme-x200.yaml" in made.stderr
    brief = project / "briefs/chips/acme-x200.yaml"

    # The untouched template is not a valid brief yet, and the check says what to do.
    first = run(project, "check")
    assert first.returncode == 1
    assert first.stderr.splitlines()[:3] == [
        "briefs/chips/acme-x200.yaml:17:9: summary: expected text, got an empty value;"
        " it is required, so fill it in",
        "briefs/chips/acme-x200.yaml:26:10: designer: expected text, got an empty value;"
        " it is required, so fill it in",
        "briefs/chips/acme-x200.yaml:38:8: status: expected text, got an empty value;"
        " fill in one of: roadmap, announced, shipping, reported, discontinued",
    ]

    # Fill in the required fields and uncomment one optional one, as the comments say.
    text = brief.read_text("utf-8")
    text = text.replace(
        "\nsummary:\n",
        "\nsummary: The successor to the [[x100]], announced by [[acme]].[^press-release]\n",
    )
    text = text.replace("\ndesigner:\n", "\ndesigner: acme\n")
    text = text.replace("\nstatus:\n", "\nstatus: announced\n")
    text = text.replace(
        "# specs:\n#   memory_gb:\n#     - value: 141\n#       sources: [aiminingco-h200-specs]\n",
        "specs:\n  memory_gb:\n    - value: 192\n      sources: [press-release]\n",
    )
    brief.write_text(text, "utf-8")
    second = run(project, "check")
    assert second.returncode == 0, second.stderr
    assert second.stdout == (
        "All 7 briefs are valid (2 companies, 2 chips, 1 policy, 2 sources).\n"
    )

    built = run(project, "build")
    assert built.returncode == 0, built.stderr
    site = project / "site"
    page = (site / "chips/acme-x200/index.html").read_text("utf-8")
    assert "Acme X200" in page and "192 GB" in page
    assert 'href="../acme-x200/"' in (site / "chips/x100/index.html").read_text("utf-8")
    assert 'href="../../chips/acme-x200/"' in (site / "companies/acme/index.html").read_text(
        "utf-8"
    )
    assert 'href="acme-x200/"' in (site / "chips/index.html").read_text("utf-8")

    after = digest(project, skip=["site"])
    assert {name for name in after if before.get(name) != after[name]} == {
        "briefs/chips/acme-x200.yaml"
    }
