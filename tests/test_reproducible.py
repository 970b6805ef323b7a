"""Two builds of one commit are the same bytes (issue 22): every stamp comes from the commit, never the clock.

The fixture corpus and its course are committed in a fresh repository with a date in 2001, then built twice
by ``compendium build`` in two processes with different hash seeds (so that no set or dict order can slip
into a file). Every file must be identical, and every date the build writes must be the commit's.
"""

from __future__ import annotations

import filecmp
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, make_project

COMMITTED = "2001-02-03T04:05:06Z"
DAY = "2001-02-03"


def _commit(project: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "corpus"]):
        subprocess.run(["git", "-C", str(project), *command], check=True, env=env, capture_output=True)


def _build(project: Path, site: Path, seed: str) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("SOURCE_DATE_EPOCH", "COMPENDIUM_SITE_URL")}
    env.update(PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(project), "--site-dir", str(site),
                           "--sources", str(DATA / "sources"), "--site-url", "https://example.org/kb/"],
                          check=False, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("commit"), DATA / "valid")
    shutil.copytree(DATA / "courses" / "valid" / "courses", project / "courses")
    _commit(project)
    first, second = project.parent / "first", project.parent / "second"
    _build(project, first, "1")
    _build(project, second, "2")
    return first, second


def _files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_two_builds_of_one_commit_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    names = _files(first)
    assert names == _files(second)
    assert any(name.endswith(".pdf") for name in names) and any(name.endswith(".zip") for name in names)
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert (mismatch, errors) == ([], [])


def _stamped_with_the_commit(archive: zipfile.ZipFile, where: str) -> None:
    assert {item.date_time for item in archive.infolist()} == {(2001, 2, 3, 4, 5, 6)}, where
    if "docProps/core.xml" in archive.namelist():
        core = archive.read("docProps/core.xml").decode("utf-8")
        assert set(re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core)) <= {COMMITTED}, where


def test_every_stamp_is_the_commits_date(two_builds: tuple[Path, Path]) -> None:
    site, _ = two_builds
    days = re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert days and set(days) == {DAY}
    page = (site / "cases" / "model-community.html").read_text(encoding="utf-8")
    assert f"生成日期: {DAY}" in page
    packs = site / "downloads" / "courses" / "sample-course"
    office = [path for path in packs.iterdir() if path.suffix in (".docx", ".pptx", ".xlsx", ".zip")]
    assert {path.suffix for path in office} == {".docx", ".pptx", ".xlsx", ".zip"}
    embedded = 0
    for path in office:
        with zipfile.ZipFile(path) as archive:
            _stamped_with_the_commit(archive, str(path))
            for name in archive.namelist():
                if name.endswith(".xlsx"):  # a slide's native chart keeps its data in an embedded workbook
                    with zipfile.ZipFile(io.BytesIO(archive.read(name))) as inner:
                        _stamped_with_the_commit(inner, f"{path} {name}")
                    embedded += 1
    assert embedded
    info = subprocess.run(["pdfinfo", str(packs / "sample-course-handout-a4.pdf")], capture_output=True, text=True,
                          check=True, env={**os.environ, "TZ": "UTC"}).stdout
    assert "2001" in re.search(r"CreationDate:\s*(.*)", info).group(1)  # type: ignore[union-attr]
