"""The admin's file format (generator/editor/assets/compendium-format.js), run under node.

Every entry of the corpus, read and written back unchanged, is byte-identical; a changed value changes only
its own lines, in block style and the model's key order; whatever the format writes, the project's own YAML
loader reads back as the data the form held.
"""

from __future__ import annotations

import difflib
import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.content.yamlsource import parse_yaml_text
from generator.courses.kind import ALL_KINDS
from generator.editor.decap_config import collection_specs, format_specs
from tests.conftest import ROOT

RUNNER = ROOT / "tests" / "js" / "decap_format.mjs"
SPECS = format_specs(ALL_KINDS)


def run_format(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run the jobs through compendium-format.js in one node process."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed (the admin's file format is JavaScript)")
        pytest.skip("node is not installed (the admin's file format is JavaScript)")
    done = subprocess.run([node, str(RUNNER)], input=json.dumps(jobs), capture_output=True, text=True, check=True, timeout=120)
    results: list[dict[str, Any]] = json.loads(done.stdout)
    for result in results:
        assert "error" not in result, result.get("error")
    return results


def corpus_files() -> list[tuple[str, Path]]:
    return [(spec.format, path) for spec in collection_specs(ALL_KINDS) for path in sorted((ROOT / spec.folder).glob("*.yml"))]


def load(text: str) -> Any:
    """What the project's loader reads from ``text``, failing on any problem it reports."""
    document = parse_yaml_text(Path("entry.yml"), text)
    assert document.problems == [], [str(problem) for problem in document.problems]
    return document.data


def diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))]


def test_every_entry_saved_unchanged_is_byte_identical() -> None:
    files = corpus_files()
    assert len(files) >= 190, "the corpus is smaller than expected; is the glob right?"
    jobs = [{"text": path.read_text(encoding="utf-8"), "spec": SPECS[name]} for name, path in files]
    results = run_format(jobs)
    different = [str(path.relative_to(ROOT)) for (_, path), job, result in zip(files, jobs, results, strict=True)
                 if result["out"] != job["text"]]
    assert different == []


def test_the_format_reads_what_the_project_loader_reads() -> None:
    files = corpus_files()
    jobs = [{"text": path.read_text(encoding="utf-8"), "spec": SPECS[name], "set": [[["__original"], None]]}
            for name, path in files]
    # without the original text the format writes every file from the data alone: the loader must read it back the same
    results = run_format(jobs)
    for (_, path), job, result in zip(files, jobs, results, strict=True):
        expected = _without_nulls(load(job["text"]))
        assert load(result["out"]) == expected, path.name


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {key: _without_nulls(inner) for key, inner in value.items()}
        return {key: inner for key, inner in kept.items() if inner not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


CASE = ROOT / "casebook" / "hong-se-wu-ye.yml"
INDICATOR = ROOT / "policies" / "indicators" / "volunteer-service-stations.yml"
DOCUMENT = ROOT / "policies" / "henan-2022-community-service-plan.yml"


def edit(path: Path, collection: str, *changes: tuple[list[str | int], Any]) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    (result,) = run_format([{"text": text, "spec": SPECS[f"compendium-{collection}"], "set": [list(change) for change in changes]}])
    return text, result["out"]


def test_a_changed_value_changes_its_own_line_only() -> None:
    before, after = edit(CASE, "cases", (["summary", "zh"], "河南以党建引领物业服务的做法。"))
    changed = diff(before, after)
    assert len(changed) == 2
    assert changed[0].startswith("-  zh: 河南以党建引领物业服务的做法：")
    assert changed[1] == "+  zh: 河南以党建引领物业服务的做法。"


def test_an_added_theme_is_one_added_line() -> None:
    before, after = edit(CASE, "cases", (["themes", 2], "consultation"))
    assert diff(before, after) == ["+- consultation"]


def test_new_steps_go_where_the_model_puts_them_in_block_style() -> None:
    before, after = edit(CASE, "cases", (["steps"], [{"title": {"zh": "全面开展“红色物业”创建", "en_status": "draft"}}]))
    assert diff(before, after) == ["+steps:", "+- title:", "+    zh: 全面开展“红色物业”创建", "+    en_status: draft"]
    lines = after.splitlines()
    assert lines.index("steps:") > lines.index("background:") and lines.index("steps:") < lines.index("conditions:")


def test_an_edited_list_item_keeps_its_neighbours() -> None:
    before, after = edit(CASE, "cases", (["sources", 1, "quote"], "推进物业服务行业和物业服务企业党建全覆盖"))
    changed = diff(before, after)
    assert changed == ["-  quote: 加强“红色物业”创建工作，推进物业服务行业和物业服务企业党建全覆盖",
                       "+  quote: 推进物业服务行业和物业服务企业党建全覆盖"]


def test_a_removed_optional_field_removes_its_lines() -> None:
    before, after = edit(CASE, "cases", (["background"], None))
    assert all(line.startswith("-") for line in diff(before, after))
    assert "background" not in after and load(after)["summary"] == load(before)["summary"]


def test_flow_style_is_kept_unless_changed_then_block() -> None:
    before, after = edit(INDICATOR, "indicators", (["themes", 1], "community-services"),
                         (["note"], {"zh": "两个来源口径不同：\n第二行", "en_status": "draft"}))
    changed = diff(before, after)
    assert changed[0] == "-themes: [volunteering]"
    assert changed[1:] == ["+themes:", "+- volunteering", "+- community-services",
                           "+note:", "+  zh: |-", "+    两个来源口径不同：", "+    第二行", "+  en_status: draft"]
    assert load(after)["note"]["zh"] == "两个来源口径不同：\n第二行"


def test_a_document_keeps_its_sections_when_its_metadata_changes() -> None:
    before, after = edit(DOCUMENT, "documents", (["year"], 2023))
    assert diff(before, after) == ["-year: 2022", "+year: 2023"]


def test_a_new_entry_is_written_in_block_style_in_the_model_order() -> None:
    data = {"sources": [{"quote": "全面开展“红色物业”创建工作", "ref": "henan-2022-community-service-plan#s3-1"}],
            "themes": ["party-building"], "summary": {"en_status": "draft", "zh": "概述"},
            "place": {"province": {"zh": "河南省", "en_status": "draft"}, "city": {"en_status": "draft"}},
            "name": {"zh": "红色物业", "en": "", "en_status": "draft"}, "id": "hong-se", "steps": [], "aliases": [""],
            "background": {"en_status": "draft"}, "__refs": [1]}
    (result,) = run_format([{"data": data, "spec": SPECS["compendium-cases"]}])
    assert result["out"] == (
        "id: hong-se\nname:\n  zh: 红色物业\n  en_status: draft\nplace:\n  province:\n    zh: 河南省\n    en_status: draft\n"
        "summary:\n  zh: 概述\n  en_status: draft\nthemes:\n- party-building\n"
        "sources:\n- ref: henan-2022-community-service-plan#s3-1\n  quote: 全面开展“红色物业”创建工作\n")


TRICKY = ["2018", "no", "yes", "null", "~", "true", "3:00", "1e3", ".5", "0x1F", "-", "- 一", "# 不是注释", "a: b", "a #b",
          "“红色物业”", "'引号'", '"双引号"', " 前导空格", "尾随空格 ", "[列表]", "{映射}", "@作者", "`代码`", "%百分", "*星",
          "&锚", "!标签", "|竖线", ">大于", "?问号", ",逗号", "第一段\n\n第二段", "末尾换行\n", "两个换行\n\n", "\t制表符",
          "豫政办〔2022〕79号", "≥90%", "2022-08-17", "https://www.henan.gov.cn/", "a\\b", "控制\u0007字符"]


def test_any_text_the_form_holds_is_written_so_that_it_reads_back_the_same() -> None:
    rng = random.Random(20261129)
    alphabet = "红色物业社区 \n\t:#-'\"[]{},&*!|>%@`?~0123456789abcxyzNnoYes.（）“”、。"
    texts = TRICKY + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(300)]
    spec = SPECS["compendium-themes"]
    jobs = [{"data": {"id": "t", "name": {"zh": text, "en": text}}, "spec": spec} for text in texts]
    for text, result in zip(texts, run_format(jobs), strict=True):
        assert load(result["out"])["name"] == {"zh": text, "en": text}, repr(text)
