"""Entries are untrusted (issue 22): attack payloads in every text field of every kind, built into a site where nothing runs.

The hostile corpus (tests/hostile.py) is built once per session as if ``compendium check`` had missed every payload
(its safety check switched off): escaping alone must keep every page, the search data, the web form's
checks.json, the sitemap and the course handout inert. ``compendium check`` itself must report each dangerous
payload at its field, Chinese then English. A browser opens, hovers and tabs through the pages and a search for
a hostile name; no payload may run.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote
from xml.etree import ElementTree

import pytest

from generator.content.textsafety import MarkdownSafety
from generator.content.yamlsource import read_yaml
from generator.site.projectcheck import check_project
from tests.conftest import _serve, project_at
from tests.hostile import DANGEROUS, FLAG, HostileProject, hostile_project
from tests.test_text_safety import Elements, script_address

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SITE_URL = "https://example.org/kb/"


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileProject:
    return hostile_project(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def hostile_site(hostile: HostileProject) -> Path:
    """The hostile corpus built with the safety check switched off, as if every payload had slipped past it."""
    from generator.site.build import build_site

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MarkdownSafety, "check", lambda self, document: [])
        report = build_site(hostile.root, hostile.root / "site", hostile.sources, site_url=SITE_URL)
    assert report.ok, "the hostile corpus must build (escaped), not be refused by the guard"
    return hostile.root / "site"


def text_of(hostile: HostileProject, file: str, *path: str | int) -> str:
    """The hostile text of one field, as the entry holds it."""
    data = read_yaml(hostile.root / file).data
    for part in path:
        data = data[part]
    return str(data)


def test_every_text_field_of_every_kind_got_payloads(hostile: HostileProject) -> None:
    kinds = {field.file.relative_to(hostile.root).parts[0] for field in hostile.fields}
    assert kinds == {"policies", "casebook", "glossary", "themes", "courses"}
    used = {payload for field in hostile.fields for payload in field.payloads}
    assert used >= DANGEROUS
    assert len(hostile.fields) > 150


def test_no_page_carries_script_from_entry_text(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 40
    found = []
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        for tag, attrs in Elements(markup).elements:
            for name, value in attrs.items():
                if name.startswith("on") or (name in ("href", "src", "action", "formaction", "xlink:href", "srcset", "data")
                                             and (script_address(value) or value.startswith("//"))):
                    found.append(f"{page.relative_to(hostile_site)}: <{tag} {name}={value[:40]!r}>")
        for script in re.findall(r"<script\b[^>]*>(.*?)</script", markup, flags=re.S):
            if FLAG in script:
                found.append(f"{page.relative_to(hostile_site)}: <script>{script[:40]}")
    assert found == []


@pytest.mark.parametrize(("file", "page"), [
    ("casebook/model-community.yml", "cases/model-community.html"),
    ("glossary/yi-you-qi-zhong-xin.yml", "glossary/yi-you-qi-zhong-xin.html"),
    ("policies/sample-plan.yml", "documents/sample-plan.html"),
    ("policies/indicators/rural-facility-coverage.yml", "indicators/rural-facility-coverage.html"),
    ("themes/facilities.yml", "themes/facilities.html"),
    ("courses/sample-course.yml", "courses/sample-course.html"),
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_hostile_name_reads_as_written_in_the_title_heading_and_sharing_tags(
        hostile: HostileProject, hostile_site: Path, file: str, page: str, lang: str) -> None:
    field = "title" if file.startswith(("policies/sample", "courses/")) else "name"
    data = read_yaml(hostile.root / file).data[field]
    name = " ".join((data.get("en") if lang == "en" and data.get("en") else data["zh"]).split())
    markup = (hostile_site / ("en/" if lang == "en" else "") / page).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", markup, flags=re.S)
    assert title is not None and "<" not in title.group(1)
    shown_title = " ".join(html.unescape(title.group(1)).split())
    assert shown_title.startswith(name), (shown_title, name)
    head = Elements(markup[: markup.index("</head>")])
    og = next(attrs["content"] for tag, attrs in head.elements if tag == "meta" and attrs.get("property") == "og:title")
    assert " ".join(og.split()).startswith(name)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", markup, flags=re.S)
    assert h1 is not None
    assert " ".join("".join(Elements(h1.group(1)).text).replace("¶", "").split()) == name


def _search_strings(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted((site / "search").rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        yield path, text


def test_search_data_holds_the_payloads_only_as_inert_text(hostile: HostileProject, hostile_site: Path) -> None:
    titles = []
    for site in (hostile_site, hostile_site / "en"):
        for path, text in _search_strings(site):
            assert not set(text) & {"<", ">", "&"}, path  # written \u003c…: no tag even if read as HTML
            call = re.fullmatch(r"cgSearch\.\w\((.*)\);\n", text, flags=re.S)
            assert call is not None, path
            values = json.loads(f"[{call.group(1)}]")
            titles += [value["t"] for value in values if isinstance(value, dict) and "t" in value]
    name = " ".join(text_of(hostile, "casebook/model-community.yml", "name", "zh").split())
    assert name in titles  # the hostile name is in the index as the text it is


def test_the_web_forms_checks_hold_names_as_inert_text(hostile: HostileProject) -> None:
    from generator.editor.decap_admin import admin_files
    from generator.editor.decap_config import BackendOptions

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MarkdownSafety, "check", lambda self, document: [])
        text = admin_files(BackendOptions(), project_at(hostile.root, hostile.sources), check_project)["checks.json"]
    assert not set(text) & {"<", ">", "&"}
    names = {name for _, _, name, _ in json.loads(text)["names"]}
    assert text_of(hostile, "casebook/model-community.yml", "name", "zh") in names


def test_the_sitemap_holds_only_addresses(hostile_site: Path) -> None:
    for site in (hostile_site, hostile_site / "en"):
        tree = ElementTree.parse(site / "sitemap.xml")
        locations = [element.text or "" for element in tree.iter() if element.tag.endswith("loc")]
        assert locations and all(location.startswith(SITE_URL) and FLAG not in location for location in locations)


def test_the_course_handout_is_inert_html_and_its_pdf_shows_the_payloads_as_text(hostile: HostileProject,
                                                                                    hostile_site: Path) -> None:
    from generator.courses.content import CourseResolver
    from generator.courses.pdf import HandoutHtml
    from generator.site.projectcheck import check_project

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MarkdownSafety, "check", lambda self, document: [])
        result = check_project([hostile.root], None)
    course = result.courses.courses["sample-course"]
    for lang in ("zh", "en"):
        markup = HandoutHtml(CourseResolver(result.corpus, SITE_URL).view(course, lang)).build()
        elements = Elements(markup).elements
        assert not [tag for tag, _ in elements if tag in ("script", "svg", "iframe", "object", "embed", "link", "base")]
        for tag, attrs in elements:
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            assert tag != "img" or attrs["src"].startswith("data:image/svg+xml"), attrs  # only the QR codes
    pdf = hostile_site / "downloads/courses/sample-course/sample-course-handout-a4.pdf"
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    title = text_of(hostile, "courses/sample-course.yml", "title", "zh")
    assert re.sub(r"\s+", "", title) in re.sub(r"\s+", "", shown)  # the hostile title, as text


def test_check_reports_every_dangerous_payload_at_its_field(hostile: HostileProject,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from generator.checkcommand import check_command

    assert check_command(project_at(hostile.root, hostile.sources), [hostile.root], "both", "text", cwd=hostile.root) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if re.search(r"\[(raw-html|unsafe-link|attribute-list)\]", line)]
    for line in lines:  # path:line:col: [code] 中文 / English
        message = line.split("] ", 1)[1]
        zh, _, en = message.partition(" / ")
        assert re.search(r"[\u4e00-\u9fff]", zh) and en and not re.search(r"[\u4e00-\u9fff]", en.split(":")[0]), line
    reported = {line.split(": [")[0] for line in lines}
    missed = []
    for field in hostile.fields:
        if not set(field.payloads) & DANGEROUS and field.path[-1] != "url":
            continue
        if field.path[-1] == "url" and not field.payloads[0].startswith("javascript:"):
            continue
        position = read_yaml(field.file).position(field.path)
        where = f"{field.file.relative_to(hostile.root).as_posix()}:{position.line}:{position.column}"
        if where not in reported:
            missed.append((where, field.path, field.payloads))
    assert missed == [], out


# ----- in a browser: open, hover, focus; nothing may run -----

HOSTILE_PAGES = ["cases/model-community.html", "glossary/yi-you-qi-zhong-xin.html", "courses/sample-course.html",
                 "courses/sample-course-instructor.html", "cases/index.html", "index.html", "documents/sample-plan.html",
                 "indicators/rural-facility-coverage.html", "browse/issuer.html", "en/cases/model-community.html",
                 "en/glossary/index.html", "en/courses/sample-course.html"]
PROVOKE = """() => {
  for (const element of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'focus', 'focusin', 'animationstart']) {
      element.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  return document.querySelectorAll('body *').length;
}"""


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    yield from _serve(hostile_site)


def _nothing_ran(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate(f"typeof {FLAG}") == "undefined"
    assert dialogs == []


def test_hostile_pages_run_nothing_when_opened_hovered_and_focused(browser: Browser, hostile_url: str,
                                                                   hostile: HostileProject) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in HOSTILE_PAGES:
            page.goto(hostile_url + path)
            page.wait_for_load_state("load")
            assert page.evaluate(PROVOKE) > 50, path
            for element in page.locator("article :is(h1, h2, h3, td, li, em, strong, a)").all()[:25]:
                if element.is_visible():
                    element.hover(timeout=2000, force=True)
            for _ in range(15):
                page.keyboard.press("Tab")
            _nothing_ran(page, dialogs)
        page.goto(hostile_url + "cases/model-community.html")
        heading = page.locator("article h1").inner_text()
        name = " ".join(text_of(hostile, "casebook/model-community.yml", "name", "zh").split())
        assert " ".join(heading.replace("¶", "").split()) == name  # the hostile name reads as plain text
    finally:
        context.close()


def test_searching_for_a_hostile_name_shows_it_as_text_and_runs_nothing(browser: Browser, hostile_url: str,
                                                                        hostile: HostileProject) -> None:
    from playwright.sync_api import expect

    name = " ".join(text_of(hostile, "casebook/model-community.yml", "name", "zh").split())
    context = browser.new_context(viewport={"width": 360, "height": 780})
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{hostile_url}search.html?q={quote('规范化社区创建')}")
        results = page.locator("main a[href*='cases/model-community']")
        expect(results.first).to_be_visible()
        assert name in " ".join(results.first.inner_text().split())
        results.first.hover()
        page.evaluate(PROVOKE)
        box = page.locator("#cg-search-input")
        box.fill(name[:40])  # the header box, with the payload typed in
        page.wait_for_timeout(500)
        page.evaluate(PROVOKE)
        _nothing_ran(page, dialogs)
    finally:
        context.close()
