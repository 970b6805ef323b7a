"""The build's last line of defence and its messages (issue 22 items 2 and 7).

Should escaping ever fail, the build scans every HTML page it wrote and refuses to replace the site when a page
carries an event attribute, a script address or a script the templates did not write; the message names the
page and the entry, Chinese then English, without a traceback. MkDocs' strict-mode warnings are printed with
the entry they come from instead of "Aborted with 2 warnings in strict mode!".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.guard import scan_site
from generator.site.render import PageRenderer
from tests.conftest import DATA, make_project

CONFIG = '<script id="__config" type="application/json">{"base": "%s", "search": "%sassets/w.js"}</script>'
TEMPLATE = ('<html><head><script src="%sassets/javascripts/bundle.js"></script>'
            '<script>__md_scope=new URL("%s",location)</script></head><body><article>%s</article>'
            '<script>navigator.serviceWorker.register("%ssw.js")</script>' + CONFIG + "</body></html>")


def page(base: str, body: str) -> str:
    prefix = "" if base == "." else base.rstrip("/") + "/"
    return TEMPLATE % (prefix, base, body, prefix, base, prefix)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "search.html").write_text(page(".", "<p>搜索</p>"), encoding="utf-8")
    (tmp_path / "cases").mkdir()
    return tmp_path


def test_the_templates_own_scripts_pass_at_any_depth(site: Path) -> None:
    (site / "index.html").write_text(page(".", "<p>首页</p>"), encoding="utf-8")
    (site / "cases" / "a.html").write_text(page("..", '<p><a href="../index.html" title="x">案例</a></p>'), encoding="utf-8")
    (site / "404.html").write_text(page("/kb/", "<p>没有这个页面</p>"), encoding="utf-8")
    assert scan_site(site) == []


@pytest.mark.parametrize("body", [
    '<td onmouseover="alert(1)">x</td>',
    "<svg/onload=alert(1)>",
    '<h1 ONFOCUS=alert(1) autofocus tabindex=1>x</h1>',
    '<a title="x"onclick="alert(1)">x</a>',
    '<a href="jav&#x61;script&colon;alert(1)">x</a>',
    '<a href=" java\tscript:alert(1)">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<svg><animate attributeName="href" values="#;javascript:alert(1)"/></svg>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="x.swf"></object>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<script>window.__pwned=1</script>",
    '<script src="https://evil.example/x.js"></script>',
    '<script>__md_scope=new URL("..",location);alert(1)</script>',
])
def test_script_the_templates_did_not_write_is_found(site: Path, body: str) -> None:
    (site / "cases" / "a.html").write_text(page("..", body), encoding="utf-8")
    found = scan_site(site)
    assert [item.page for item in found] and {item.page for item in found} == {"cases/a.html"}, found


def _project(tmp_path: Path) -> tuple[Path, Path]:
    project = tmp_path / "project"
    project.mkdir()
    make_project(project, DATA / "valid")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site", encoding="utf-8")
    return project, site


def _old_site_untouched(site: Path) -> None:
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the old site"
    assert not [path for path in site.parent.iterdir() if path.name.startswith(".site-")]  # no staging folder left


def test_a_build_with_an_event_attribute_on_a_page_is_refused_naming_page_and_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.site.build import build_site

    project, site = _project(tmp_path)
    original = PageRenderer.case_page
    # as if escaping had failed for this case: raw HTML from its text reaches the Markdown page
    monkeypatch.setattr(PageRenderer, "case_page",
                        lambda self, case: original(self, case) + '\n<p onmouseover="window.__pwned=1">x</p>\n')
    assert not build_site(project, site, DATA / "sources").ok
    err = capsys.readouterr().err
    assert "Traceback" not in err
    refused = [line for line in err.splitlines() if line.startswith("构建已拒绝")]
    assert refused and " / build refused" in refused[0]
    for lang in ("", "en/"):
        assert (f"  {lang}cases/model-community.html：<p onmouseover=\"window.__pwned=1\">，"
                "来自 casebook/model-community.yml / from casebook/model-community.yml") in err.splitlines()
    _old_site_untouched(site)


def test_strict_mode_warnings_name_the_entry_they_come_from(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.site.build import build_site

    project, site = _project(tmp_path)
    original = PageRenderer.term_page
    monkeypatch.setattr(PageRenderer, "term_page", lambda self, term: original(self, term) + "\n[见](#no-such-anchor)\n")
    assert not build_site(project, site, DATA / "sources").ok
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Aborted with" not in err
    assert "MkDocs 在中文站报告 1 个警告，严格模式下构建中止 / MkDocs reported 1 warning on the Chinese site" in err
    warning = next(line for line in err.splitlines() if "no-such-anchor" in line)
    assert warning.startswith("  警告（来自 glossary/yi-you-qi-zhong-xin.yml）/ (from glossary/yi-you-qi-zhong-xin.yml) "
                              "warning: Doc file 'glossary/yi-you-qi-zhong-xin.md'")
    _old_site_untouched(site)
