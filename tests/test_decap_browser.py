"""The Decap CMS admin in a real browser against the local backend (decap-server) on a temporary copy of the project.

An editor fills in a new case in Chinese and saves it: the file passes ``compendium check`` and renders on the
built site, and no request leaves 127.0.0.1. Bad input is refused in the form, in Chinese. An existing entry,
opened, edited and edited back, is saved byte for byte as it was.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.editor.decap_words import machine_words
from generator.site.projectcheck import check_project
from tests.conftest import ROOT, make_project, project_at
from tests.test_browser import external_requests

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

    from generator.editor.decap_local import LocalEditing

pytestmark = pytest.mark.browser

NEW_CASE = "kun-nan-lao-nian-ren-jia-ting-shi-lao-hua-gai-zao"
REPLY = "henan-2023-reply-proposal-1310536"
# From captured source 003 (Henan civil affairs department's reply, 2023), section 一 of the reply's progress report.
QUOTE = "重点对经济困难老年人家庭开展适老化改造并提供家庭养老床位服务"
SHOTS = os.environ.get("COMPENDIUM_SCREENSHOTS")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_proxy(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail("decap-server did not start (run `npm ci --prefix tools/cms`)")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's corpus and site configuration; the form writes here, never into the checkout."""
    folder = make_project(tmp_path_factory.mktemp("cms"), ROOT)
    shutil.copytree(ROOT / "sources", folder / "sources")
    # The corpus has since gained this work method as a case (issue 14); the form enters it as a new
    # one, so the copy leaves the existing entry out (else check rightly reports the name as taken).
    (folder / "casebook" / "henan-kun-nan-lao-nian-ren-jia-ting-shi-lao-hua-gai-zao.yml").unlink()
    return folder


@pytest.fixture(scope="module")
def editing(project: Path) -> Iterator[LocalEditing]:
    """decap-server on the copy, and the generated admin page, both on 127.0.0.1."""
    from generator.editor.decap_local import find_server, start_local_editing

    if find_server(project) is None or shutil.which("node") is None:
        message = "Node.js or decap-server missing: run `npm ci --prefix tools/cms`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    proxy_port = _free_port()
    running = start_local_editing(project_at(project), 0, proxy_port, None, check_project)
    try:
        _wait_for_proxy(proxy_port)
        yield running
    finally:
        running.stop()


def _open_admin(browser: Browser, editing: LocalEditing, width: int, height: int, seen: list[str]) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(30_000)
    context.on("request", lambda request: seen.append(request.url))
    page = context.new_page()
    page.goto(editing.admin_url)
    page.get_by_role("button", name="登录").click()  # the local backend asks for no password, only a click
    page.get_by_text("＋ 案例").wait_for()
    return page


def _group(page: Page | Locator, label: str) -> Locator:
    """The control of the field labelled ``label`` (Decap ties each label to its control by id)."""
    target = page.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}( \\(可选\\))?$")).first
    return page.locator(f"[id='{target.get_attribute('for')}']")


def _zh(group: Locator) -> Locator:
    return group.locator("input[id^='zh-field'], textarea[id^='zh-field']").first


def _choose(page: Page, control: Locator, typed: str, option: str | re.Pattern[str]) -> None:
    """Type into a relation list and pick the option that shows ``option``."""
    control.click()
    control.press_sequentially(typed, delay=30)
    page.locator("[id*='-option-']").filter(has_text=option).first.click()


def _choose_clause(page: Page, control: Locator, phrase: str, ref: str) -> Locator:
    """Find a clause in the picker by a phrase of its words; the first choice must be ``ref``; choose it."""
    control.click()
    control.press_sequentially(phrase, delay=30)
    first = page.locator("[role='option']").first
    first.wait_for()
    assert first.get_attribute("data-ref") == ref, f"the clause holding “{phrase}” is not listed first"
    first.click()
    return first


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name))


def _publish(page: Page) -> None:
    page.get_by_role("button", name="发布").click()
    page.get_by_text("立即发布").click()


def _wait_for_file(path: Path, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and path.stat().st_size:
            return path.read_text(encoding="utf-8")
        time.sleep(0.3)
    pytest.fail(f"{path} was not written")


def _fill_new_case(page: Page, case_id: str = NEW_CASE, quote: str = QUOTE) -> None:
    page.goto(page.url.split("#")[0] + "#/collections/cases/new")
    page.locator("input[id^='id-field']").first.fill(case_id)
    _zh(_group(page, "工作法名称")).fill("困难老年人家庭适老化改造")
    _zh(_group(_group(page, "地点"), "省")).fill("河南省")
    years = _group(page, "来源提及的年份")
    for year in ("2021", "2022"):
        page.get_by_role("button", name=re.compile("新增来源提及的年份")).click()
        years.locator("input[type='number']").last.fill(year)
    _zh(_group(page, "概述")).fill(
        "河南从2021年起对经济困难老年人家庭开展适老化改造：郑州、洛阳、鹤壁先后争取到国家居家和社区基本养老服务提升行动试点，"
        "许昌、焦作等8个省辖市为省级试点；截至2022年底，全省对3.3万余户困难老年人家庭进行了适老化改造。")
    steps = [("争取国家试点支持", "郑州、洛阳、鹤壁先后争取到国家居家和社区基本养老服务提升行动试点支持。"),
             ("确定省级试点", "确定许昌、焦作等8个省辖市为省级经济困难老年人家庭适老化改造试点。"),
             ("改造并提供家庭养老床位", "对经济困难老年人家庭开展适老化改造，并提供家庭养老床位服务。")]
    for number, (title, detail) in enumerate(steps):
        page.get_by_role("button", name=re.compile("新增按顺序的步骤")).click()
        texts = _group(page, "按顺序的步骤").locator("input[id^='zh-field'], textarea[id^='zh-field']")
        texts.nth(2 * number).fill(title)  # each step: its name, then its detail
        texts.nth(2 * number + 1).fill(detail)
    _choose(page, page.locator("input[id^='themes-field']").first, "养老", re.compile("^养老服务$"))  # by its name, no id shown
    sources = _group(page, "来源摘录")
    if sources.locator("input[id^='ref-field']").count() == 0:
        page.get_by_role("button", name=re.compile("新增来源摘录")).click()
    _choose_clause(page, sources.locator("input[id^='ref-field']").first, "家庭养老床位服务", f"{REPLY}#s1-4")
    sources.locator("input[id^='quote-field']").first.fill(quote)


def test_new_case_in_chinese_is_saved_checked_and_rendered(browser: Browser, editing: LocalEditing, project: Path) -> None:
    from generator.content.sources import SourceLibrary
    from generator.site.build import build_site
    from generator.site.projectcheck import check_project

    seen: list[str] = []
    page = _open_admin(browser, editing, 1280, 800, seen)
    _fill_new_case(page)
    _shot(page, "sources-1280.png")
    page.locator("input[id^='zh-field']").nth(5).scroll_into_view_if_needed()  # the first step
    _shot(page, "steps-1280.png")
    page.locator("input[id^='id-field']").first.scroll_into_view_if_needed()
    _shot(page, "new-case-1280.png")
    english = page.locator("input[id^='en-field']").first.bounding_box()
    status = page.locator("input[id^='en_status-field']").first.locator("xpath=ancestor::div[@aria-label][1]").bounding_box()
    assert english and status and abs(english["y"] - status["y"]) < 40, "a bilingual group's English and status share a row"
    _publish(page)
    written = _wait_for_file(project / "casebook" / f"{NEW_CASE}.yml")

    assert written.startswith(f"id: {NEW_CASE}\nname:\n  zh: 困难老年人家庭适老化改造\n  en_status: draft\nplace:\n")
    assert "years:\n- 2021\n- 2022\n" in written
    assert "themes:\n- elderly-care\n" in written
    assert f"- ref: henan-2023-reply-proposal-1310536#s1-4\n  quote: {QUOTE}\n" in written
    assert "__" not in written, "the format's own keys must never reach the file"
    result = check_project([project], SourceLibrary.for_project(project, None))
    assert list(result.problems) == []
    assert result.quotes_checked > 0

    report = build_site(project, project / "site", None)
    assert report.ok
    html = (project / "site" / "cases" / f"{NEW_CASE}.html").read_text(encoding="utf-8")
    assert "困难老年人家庭适老化改造" in html
    assert "确定许昌、焦作等8个省辖市为省级经济困难老年人家庭适老化改造试点" in html
    page.context.close()
    assert external_requests(seen, allow_file=False) == []


def test_the_form_fits_a_phone(browser: Browser, editing: LocalEditing) -> None:
    """The whole new case can be filled in on a 360px phone, with the publish button on screen."""
    seen: list[str] = []
    page = _open_admin(browser, editing, 360, 780, seen)
    media = page.locator("[class*='-AppHeaderNavList'] button", has_text="媒体")  # entries carry no pictures: no tab
    media_hidden = (media.count(), media.first.is_hidden()) if media.count() else (0, None)  # to an empty media library
    _fill_new_case(page)
    _shot(page, "sources-360.png")
    page.locator("input[id^='id-field']").first.scroll_into_view_if_needed()
    _shot(page, "new-case-360.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    publish = page.get_by_role("button", name="发布").bounding_box()
    shown = page.inner_text("body")
    page.context.close()
    assert media_hidden == (1, True), media_hidden
    assert machine_words(shown) == [], "no id, field path or code where the editor reads"
    assert "网址名" in shown and "从列表中选择主题" in shown
    assert width <= 360, f"the form is {width}px wide on a 360px phone"
    assert publish is not None and publish["x"] + publish["width"] <= 360
    assert external_requests(seen, allow_file=False) == []


def test_form_refuses_bad_input_in_chinese(browser: Browser, editing: LocalEditing, project: Path) -> None:
    seen: list[str] = []
    page = _open_admin(browser, editing, 1280, 800, seen)
    page.goto(page.url.split("#")[0] + "#/collections/cases/new")
    page.locator("input[id^='id-field']").first.fill("Lao Nian Ren")  # how people type a name, not an id
    themes = page.locator("input[id^='themes-field']").first
    themes.click()
    themes.press_sequentially("不存在的主题", delay=30)
    page.wait_for_timeout(1500)
    assert page.locator("[id*='-option-']").count() == 0, "a theme that does not exist was offered"
    themes.press("Escape")
    _publish(page)
    page.get_by_text("只能用小写字母、数字和短横线").first.wait_for()
    page.locator("input[id^='id-field']").first.scroll_into_view_if_needed()
    _shot(page, "refused-1280.png")
    body = page.inner_text("body")
    assert "“中文文本”是必填项" in body, "a missing name is not reported in Chinese"
    assert "“出处（文件或条款）”是必填项" in body, "a case without a source is not reported in Chinese"
    assert "“原文摘录”是必填项" in body, "a source without a quote is not reported in Chinese"
    page.context.close()
    assert not list((project / "casebook").glob("lao*"))


def test_a_clause_is_chosen_by_a_phrase_of_its_words_on_a_phone(browser: Browser, editing: LocalEditing, project: Path) -> None:
    """360×780: each choice shows its readable citation and the start of its words, wrapped; the clause holding the typed
    phrase comes first; a quote cited under the wrong clause is refused, naming the right one by its citation."""
    from generator.content.citations import citation
    from generator.site.projectcheck import check_project

    corpus = check_project([project], None).corpus
    reply = corpus.documents[REPLY]
    seen: list[str] = []
    page = _open_admin(browser, editing, 360, 780, seen)
    page.goto(page.url.split("#")[0] + "#/collections/cases/new")
    sources = _group(page, "来源摘录")
    if sources.locator("input[id^='ref-field']").count() == 0:
        page.get_by_role("button", name=re.compile("新增来源摘录")).click()
    control = sources.locator("input[id^='ref-field']").first
    control.scroll_into_view_if_needed()
    control.click()
    control.press_sequentially("适老化改造", delay=30)
    options = page.locator("[role='option']")
    options.first.wait_for()
    _shot(page, "clause-picker-360.png")
    listed = [(options.nth(i).get_attribute("data-ref"), options.nth(i).inner_text()) for i in range(options.count())]
    holding = [ref for ref, _ in listed if "适老化改造" in "".join(
        (clause.heading.zh if clause.heading else "") + clause.text.zh
        for document in corpus.documents.values() for section in document.sections for clause in section.clauses
        if ref == f"{document.id}#{clause.id}")]
    assert holding and [ref for ref, _ in listed[: len(holding)]] == holding, "clauses holding the phrase come first"
    first_ref, first_text = listed[0]
    document_id, _, anchor = str(first_ref).partition("#")
    assert first_text.startswith(citation(corpus, corpus.documents[document_id], anchor, "zh")), "each choice: its citation"
    assert "#" not in first_text and " · s" not in first_text, "no ids where the editor reads"
    box = options.first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, "choices fit the phone's width"
    assert box["height"] > 40, "a choice shows the citation and, wrapped, the start of the clause's words"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    control.press("Tab")  # the words typed, nothing chosen: the field says so, not only that it is empty when saved
    assert "还没有选定" in sources.locator(".cg-ref-pending").inner_text()
    control.fill("")
    _choose_clause(page, control, "家庭养老床位服务", f"{REPLY}#s1-4")
    chosen = sources.locator(".cg-ref-chosen li").first
    chosen.wait_for()
    assert chosen.inner_text().startswith(citation(corpus, reply, "s1-4", "zh"))
    _shot(page, "clause-chosen-360.png")
    # the s1-4 quote chosen under s1-3: refused before saving, naming s1-4 by its citation
    chosen.get_by_role("button").click()
    _choose_clause(page, sources.locator("input[id^='ref-field']").first, "阵地建设不断加强", f"{REPLY}#s1-3")
    sources.locator("input[id^='quote-field']").first.fill(QUOTE)
    page.locator("input[id^='id-field']").first.fill("ce-shi-tiao-kuan")
    _zh(_group(page, "工作法名称")).fill("测试条款")
    _zh(_group(_group(page, "地点"), "省")).fill("河南省")
    _zh(_group(page, "概述")).fill("测试。")
    _publish(page)
    box_ = page.locator("#cg-check")
    box_.wait_for()
    _shot(page, "clause-refused-360.png")
    text = box_.inner_text()
    assert f"不在所选的 {citation(corpus, reply, 's1-3', 'zh')} 中，而在 {citation(corpus, reply, 's1-4', 'zh')} 中" in text
    page.context.close()
    assert not (project / "casebook" / "ce-shi-tiao-kuan.yml").exists()
    assert external_requests(seen, allow_file=False) == []


@pytest.mark.parametrize(("width", "height"), [(360, 780), (1280, 800)])
def test_form_refuses_what_check_would_refuse(browser: Browser, editing: LocalEditing, project: Path, width: int, height: int) -> None:
    """A quote not in its source, an id already in use or raw HTML is refused before saving, in Chinese then English."""
    existing = project / "casebook" / "hong-se-wu-ye.yml"
    before = existing.read_text(encoding="utf-8")
    seen: list[str] = []
    page = _open_admin(browser, editing, width, height, seen)
    misquoted = QUOTE.replace("家庭养老床位", "养老床位")  # how a quote typed from memory goes wrong
    _fill_new_case(page, "hong-se-wu-ye", misquoted)
    _zh(_group(page, "概述")).fill("对经济困难老年人家庭开展<b>适老化改造</b>。")  # as pasted from a web page
    page.evaluate("""() => { window.cgNoticeRight = 0; const frame = () => { for (const notice of
        document.querySelectorAll('.Toastify__toast')) window.cgNoticeRight = Math.max(window.cgNoticeRight,
        notice.getBoundingClientRect().right); requestAnimationFrame(frame); }; requestAnimationFrame(frame); }""")
    _publish(page)
    box = page.locator("#cg-check")
    box.wait_for()
    page.wait_for_timeout(1200)  # Decap's own notice has come in
    widest = page.evaluate("window.cgNoticeRight")
    settled = page.locator(".Toastify__toast").evaluate_all("(all) => Math.max(...all.map((e) => e.getBoundingClientRect().right))")
    # on a phone never past the screen's right edge, even as it comes in (a desktop's slides in from the edge)
    assert widest > 0 and (widest if width <= 480 else settled) <= width, f"Decap's notice reaches {widest}px on a {width}px screen"
    _shot(page, f"refused-quote-{width}.png")
    close = box.get_by_role("button", name="关闭 / close").bounding_box()
    assert close is not None and close["x"] + close["width"] <= width, "the box can be closed on screen"
    text = box.inner_text()
    assert "未保存，请先修改 / Not saved; please fix:" in text
    assert f"来源摘录第 1 条 / source quote 1：“{misquoted[:24]}…” 在 《对省政协第1310536号提案的答复》 的原文中找不到" in text
    assert "网址名 “hong-se-wu-ye” 已被另一个条目使用" in text
    assert "“概述 › 中文文本”：文本中不允许使用 HTML：<b> / “概述 › 中文文本”: HTML is not allowed in text: <b>" in text
    page.get_by_text("保存内容失败").first.wait_for()  # Decap's own notice says the save failed
    page.wait_for_timeout(1000)
    page.context.close()
    assert existing.read_text(encoding="utf-8") == before
    assert sorted(path.name for path in (project / "casebook").glob("hong-se-wu-ye*")) == ["hong-se-wu-ye.yml"]
    assert external_requests(seen, allow_file=False) == []


@pytest.mark.parametrize("path", ["casebook/hong-se-wu-ye.yml", "policies/henan-2022-community-service-plan.yml"])
def test_one_change_in_the_form_is_one_change_in_the_file(browser: Browser, editing: LocalEditing, project: Path, path: str) -> None:
    """Decap only saves a changed entry; what it saves differs from the file in the changed value alone."""
    collection = "cases" if path.startswith("casebook") else "documents"
    file = project / path
    before = file.read_text(encoding="utf-8")
    seen: list[str] = []
    page = _open_admin(browser, editing, 1280, 800, seen)
    page.goto(page.url.split("#")[0] + f"#/collections/{collection}/entries/{file.stem}")
    summary = _zh(_group(page, "内容摘要" if collection == "documents" else "概述"))
    text = summary.input_value()
    summary.fill(text + "（已核对）")
    file.write_text("", encoding="utf-8")  # so that the wait below sees the saved file, not the old one
    _publish(page)
    after = _wait_for_file(file)
    page.context.close()
    file.write_text(before, encoding="utf-8")
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
    added = [line[2:] for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("+ ")]
    assert len(removed) == 1 and text in removed[0], "only the summary's line may change"
    if collection == "cases":  # already block style: the one line is rewritten in place
        assert added == [f"  zh: {text}（已核对）"]
    else:  # a flow-style summary becomes a block, in the model's order; everything else stays as written
        assert added[:2] == ["summary:", f"  zh: {text}（已核对）"]
        assert all(line.startswith("  ") for line in added[1:])
    assert external_requests(seen, allow_file=False) == []


@pytest.mark.parametrize(("backend", "button"), [("gitea", "使用 Gitea 登录"), ("forgejo", "Login with Forgejo"),
                                                 ("github", "使用 GitHub 登录"), ("gitlab", "使用 GitLab 登录")])
def test_decap_accepts_the_configuration_for_each_git_host(browser: Browser, tmp_path: Path, backend: str, button: str) -> None:
    """Decap validates its configuration when it starts; each generated one gets as far as the host's login button."""
    from generator.editor.decap_admin import write_admin
    from generator.editor.decap_config import BackendOptions
    from tests.conftest import _serve

    write_admin(tmp_path / "admin", BackendOptions(name=backend, repo="minzheng/compendium", base_url="https://git.example.org",
                                                   api_root="https://git.example.org/api/v1", app_id="compendium-editor"),
                project_at(ROOT), check_project)
    served = _serve(tmp_path)
    url = next(served)
    seen: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.on("request", lambda request: seen.append(request.url))
    try:
        page = context.new_page()
        page.goto(f"{url}admin/")
        page.get_by_role("button", name=button).wait_for(timeout=30_000)
        assert "错误" not in page.inner_text("body") and "Error" not in page.inner_text("body")
    finally:
        context.close()
        next(served, None)
    assert external_requests(seen, allow_file=False) == [], "nothing may be requested from another host before logging in"


NEW_COURSE = "she-qu-yang-lao-she-shi-ru-men"


def test_a_trainer_writes_a_course_in_the_form_picking_cases_clauses_indicators_and_terms(
        browser: Browser, editing: LocalEditing, project: Path) -> None:
    """No id is typed but the course's own: the case, the clause (found by its words), the indicator and the term are
    picked from lists; the saved file passes compendium check and makes a pack."""
    from generator.site.projectcheck import check_project

    seen: list[str] = []
    page = _open_admin(browser, editing, 1280, 800, seen)
    page.goto(page.url.split("#")[0] + "#/collections/courses/new")
    ids = page.locator("input[id^='id-field']")
    ids.nth(0).fill(NEW_COURSE)
    _zh(_group(page, "课程名称")).fill("社区养老服务设施入门")
    _zh(_group(_group(page, "培训对象"), "学员身份")).fill("新任社区工作者")
    _group(page, "总时长").fill("40")
    _choose(page, page.locator("input[id^='format-field']").first, "线下", "线下")
    _group(page, "课程材料的许可协议").fill("CC BY 4.0")
    objectives = _group(page, "学习目标")
    objectives.locator("input[id^='id-field']").first.fill("o1")
    _zh(objectives).fill("说出社区养老服务设施的配置要求。")
    sessions = _group(page, "单元")
    sessions.locator("input[id^='id-field']").first.fill("she-shi")
    _zh(_group(sessions, "单元标题")).fill("设施怎么配")
    _group(sessions, "单元时长").fill("40")
    _choose(page, sessions.locator("input[id^='method-field']").first, "讲授", "讲授（Lecture）")
    page.get_by_role("button", name=re.compile("新增本单元服务的目标")).click()
    sessions.locator("input[id^='item-field']").last.fill("o1")
    _choose(page, sessions.locator("input[id^='cases-field']").first, "七中心", "规范化社区创建")
    _choose_clause(page, sessions.locator("input[id^='clauses-field']").first, "每百户30平方米配建移交",
                   "henan-2022-community-service-plan#s4-2")
    _choose(page, sessions.locator("input[id^='indicators-field']").first, "养老服务设施覆盖率", "基本养老服务设施覆盖率")
    _choose(page, sessions.locator("input[id^='terms-field']").first, "一刻钟", "一刻钟便民生活圈")
    _shot(page, "new-course-1280.png")
    _publish(page)
    written = _wait_for_file(project / "courses" / f"{NEW_COURSE}.yml")
    assert "method: 讲授" in written and "- yi-you-qi-zhong-xin" in written
    assert "- henan-2022-community-service-plan#s4-2" in written and "- basic-elderly-care-facility-coverage" in written
    assert "__" not in written
    result = check_project([project], None)
    assert [problem for problem in result.problems if "courses" in str(problem.path)] == []
    assert NEW_COURSE in result.courses.courses
    page.context.close()
    assert external_requests(seen, allow_file=False) == []
