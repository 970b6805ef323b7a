"""The preview's quick pass (generator/site/preview.py): a save's own pages at once, as the full build writes them, guarded.

In-process and on a copy of the fixture site built once per session: no server, no build of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.kept import KeptCorpus
from generator.courses.kind import ALL_KINDS
from generator.site import preview
from generator.site.preview import QuickPreview
from tests.conftest import DATA, project_at

THEME = Path("themes") / "facilities.yml"


@pytest.fixture
def project(fixture_site: Path, tmp_path: Path) -> Path:
    """A copy of the fixture project as a full build left it (site/ and generated/ included)."""
    copy = tmp_path / "project"
    shutil.copytree(fixture_site.parent, copy, symlinks=True)
    return copy


def _save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_saved_entrys_pages_are_written_as_the_full_build_writes_them(project: Path) -> None:
    quick = QuickPreview(project_at(project, DATA / "sources"))
    quick.warm()
    page = project / "site" / "themes" / "facilities.html"
    english = project / "site" / "en" / "themes" / "facilities.html"
    built = {path: path.read_bytes() for path in (project / "site").rglob("*.html")}
    # MkDocs kept between saves renders a page byte for byte as the full build did
    for lang, path in (("zh", page), ("en", english)):
        target, html = quick.sites[lang].render("themes/facilities.md")
        assert target == path and html.encode("utf-8") == built[path]
    _save(project / THEME, "社区服务设施", "社区服务设施与场地")
    report = quick.show([project / THEME])
    assert report is not None and report.pages == ["themes/facilities.html"], report
    assert "社区服务设施与场地" in page.read_text(encoding="utf-8")
    # no other page was touched: backlinks, listings and search wait for the full build
    changed = [path for path, data in built.items() if path.read_bytes() != data]
    assert changed == [page]
    # saved again: the file is read again even when size and time look the same
    _save(project / THEME, "社区服务设施与场地", "社区服务设施和场地")
    assert quick.show([project / THEME]) is not None
    assert "社区服务设施和场地" in page.read_text(encoding="utf-8")


def test_a_save_reads_again_only_the_files_it_changed(project: Path) -> None:
    kept = KeptCorpus(project, None, ALL_KINDS)
    first, read = kept.check()
    assert len(read) == len(first.loaded.entries) > 5
    _save(project / THEME, "社区服务设施", "社区服务设施与场地")
    result, read = kept.check([project / THEME])
    assert [item.path for item in read] == [project / THEME]
    assert result.corpus.themes["facilities"].name.zh.startswith("社区服务设施与场地")
    assert not result.problems
    # a reference broken by another file is found although only that file was read again
    (project / THEME).unlink()
    result, read = kept.check([project / THEME])
    assert read == [] and "facilities" not in result.corpus.themes
    assert any(problem.code == "missing-reference" and "facilities" in str(problem.params) for problem in result.problems)


def test_a_broken_save_writes_nothing(project: Path) -> None:
    quick = QuickPreview(project_at(project, DATA / "sources"))
    page = project / "site" / "themes" / "facilities.html"
    before = page.read_bytes()
    (project / THEME).write_text((project / THEME).read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    assert quick.show([project / THEME]) is None
    assert page.read_bytes() == before


def test_the_quick_pass_runs_the_build_guard_on_the_pages_it_writes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should an entry's text ever reach a page as markup, the quick pass keeps that page out, as the build would."""
    render = preview.entry_pages

    def leaky(*args: object, **kwargs: object) -> dict[str, str]:
        return {page: text + '\n<img src="x.png" onerror="alert(1)">\n' for page, text in render(*args, **kwargs).items()}

    monkeypatch.setattr(preview, "entry_pages", leaky)
    quick = QuickPreview(project_at(project, DATA / "sources"))
    page = project / "site" / "themes" / "facilities.html"
    before = page.read_bytes()
    _save(project / THEME, "社区服务设施", "社区服务设施与场地")
    report = quick.show([project / THEME])
    assert report is not None and report.pages == []
    assert any("themes/facilities.html" in line and "onerror" in line for line in report.refused), report.refused
    assert any(line.startswith("en/themes/facilities.html") for line in report.refused), report.refused
    assert page.read_bytes() == before


def test_the_quick_pass_starts_no_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The serving process has threads (web server, file watcher); a process forked from it copies any lock one of them
    held, held for ever. The quick pass used to fork a dirty MkDocs build per language and wait for it without a limit."""
    import os

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the quick pass started a process")

    monkeypatch.setattr(os, "fork", refuse)
    monkeypatch.setattr(os, "posix_spawn", refuse, raising=False)
    quick = QuickPreview(project_at(project, DATA / "sources"))
    _save(project / THEME, "社区服务设施", "社区服务设施与场地")
    report = quick.show([project / THEME])
    assert report is not None and report.pages == ["themes/facilities.html"]
