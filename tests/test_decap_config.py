"""The Decap CMS configuration is the content model seen as a form: compared field by field with the model, not with a copy.

A field added to, removed from or changed in generator/content/model.py changes the generated configuration;
these tests walk the model and the configuration side by side, so a generator that fell behind fails here.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, Field, ValidationError, create_model

from generator.cli import main
from generator.content.model import ID_PATTERN, REF_PATTERN, Bilingual, Case, Document, EntryId
from generator.courses.kind import ALL_KINDS
from generator.editor.decap_admin import write_admin
from generator.editor.decap_config import BackendOptions, collection_specs, decap_config, format_specs, key_order
from generator.editor.decap_fields import LOCAL_IDS, PICKER_HINT, UnmappedReferenceError, model_widgets
from generator.editor.decap_shapes import field_shape
from generator.editor.decap_words import FIELD_HINTS, machine_words, plain
from generator.site.projectcheck import check_project
from tests.conftest import ROOT, project_at

CONFIG = decap_config(BackendOptions(), ALL_KINDS)
BY_NAME = {collection["name"]: collection for collection in CONFIG["collections"]}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _inner_model(info: Any) -> type[BaseModel] | None:
    shape = field_shape(info)
    inner = shape.item if shape.kind == "list" else shape
    return inner.model if inner is not None and inner.kind == "model" else None


def _compare(model: type[BaseModel], widgets: list[dict[str, Any]], optional_parent: bool, where: str,
             omit: frozenset[str] = frozenset()) -> None:
    expected = [name for name in model.model_fields if name not in omit]
    assert [widget["name"] for widget in widgets] == expected, f"{where}: fields differ from the model"
    for widget in widgets:
        info = model.model_fields[widget["name"]]
        path = f"{where}.{widget['name']}"
        assert CHINESE.search(widget["label"]), f"{path}: label {widget['label']!r} has no Chinese"
        if model is not Bilingual and widget["widget"] == "compendium-ref":
            assert widget["hint"] == PICKER_HINT, f"{path}: the picker says how to find a clause, not the id syntax"
        elif model is not Bilingual and widget["widget"] == "relation":
            assert widget["hint"].startswith("从列表中选择"), f"{path}: a list of entries says how to pick one, not the id syntax"
        elif model is not Bilingual and field_shape(info).kind == "date" and widget["name"] not in FIELD_HINTS:
            assert "写成 2022-08-17 这样" in widget["hint"], f"{path}: a date's hint shows how it is written"
        elif model is not Bilingual and widget["name"] not in ("id", *FIELD_HINTS, *LOCAL_IDS):
            # the model's description, its terms explained (the id's, codes' and folders' words: test_no_machine_words…)
            assert widget["hint"] == plain(info.description or ""), f"{path}: hint is not the model's description"
        assert widget["required"] is (info.is_required() and not optional_parent), f"{path}: required differs"
        shape = field_shape(info)
        item = shape.item if shape.kind == "list" else shape
        if item is not None and item.pattern == ID_PATTERN and widget["name"] in LOCAL_IDS:
            assert widget["field"]["pattern"][0] == ID_PATTERN, f"{path}: ids of the entry's own parts are typed, with the id pattern"
        elif item is not None and item.pattern in (ID_PATTERN, REF_PATTERN) and widget["name"] != "id":
            # documents, clauses and facts: the clause picker (compendium-refs.js); other entries: Decap's relation list
            expected = "compendium-ref" if widget.get("collection") == "documents" else "relation"
            assert widget["widget"] == expected, f"{path}: an id field must be a list of existing ids"
            assert widget["collection"] in BY_NAME
            assert widget["multiple"] is (shape.kind == "list")
        if shape.kind == "list" and shape.min_length:
            assert widget["min"] == shape.min_length, f"{path}: the model's minimum is not enforced"
        if item is not None and item.kind == "enum":
            assert item.enum is not None
            assert [option["value"] for option in widget["options"]] == [member.value for member in item.enum]
        if shape.kind == "int":
            assert (widget["widget"], widget["value_type"], widget.get("min"), widget.get("max")) == ("number", "int", shape.ge, shape.le)
        if shape.kind == "date":
            assert "年-月-日，如 2022-08-17" in widget["pattern"][1]
        inner = _inner_model(info)
        if inner is not None:
            child_optional = (optional_parent or not info.is_required()) and shape.kind != "list"
            _compare(inner, widget["fields"], child_optional, path)


@pytest.mark.parametrize("spec", collection_specs(ALL_KINDS), ids=lambda spec: spec.name)
def test_every_model_field_is_in_the_form_as_the_model_says(spec: Any) -> None:
    collection = BY_NAME[spec.name]
    assert (collection["folder"], collection["format"], collection["extension"]) == (spec.folder, spec.format, "yml")
    _compare(spec.model, collection["fields"], False, spec.name, spec.omit)


def test_only_a_documents_sections_and_facts_and_a_courses_quiz_stay_out_of_the_form() -> None:
    omitted = {spec.name: spec.omit for spec in collection_specs(ALL_KINDS) if spec.omit}
    assert omitted == {"documents": frozenset({"sections", "facts"}), "courses": frozenset({"quiz"})}
    assert BY_NAME["documents"]["create"] is False
    assert all(BY_NAME[name]["create"] for name in ("cases", "terms", "indicators", "themes", "courses"))


def test_the_course_form_picks_cases_clauses_indicators_and_terms_from_the_corpus() -> None:
    """A trainer never types an id of another entry: every pulled item is chosen from a list (clauses by their text)."""
    sessions = next(field for field in BY_NAME["courses"]["fields"] if field["name"] == "sessions")
    fields = {field["name"]: field for field in sessions["fields"]}
    for name, collection in (("cases", "cases"), ("clauses", "documents"), ("indicators", "indicators"), ("terms", "terms"),
                             ("pre_reading", "documents")):
        widget = "compendium-ref" if collection == "documents" else "relation"
        assert (fields[name]["widget"], fields[name]["collection"], fields[name]["multiple"]) == (widget, collection, True), name
    assert fields["clauses"]["kinds"] == ["clause"], "a course's clauses are picked among clauses only, by their words"
    methods = [option["label"] for option in fields["method"]["options"]]
    assert "休息（Break）" in methods and "结构化研讨（Structured discussion）" in methods
    start = next(field for field in BY_NAME["courses"]["fields"] if field["name"] == "start_time")
    assert start["default"] == "09:00" and start["pattern"][0].startswith("^")


def test_bilingual_texts_are_one_compact_group() -> None:
    name = next(field for field in BY_NAME["cases"]["fields"] if field["name"] == "name")
    assert name["widget"] == "object"
    assert [(field["name"], field["widget"]) for field in name["fields"]] == [("zh", "string"), ("en", "string"), ("en_status", "select")]
    assert all("hint" not in field for field in name["fields"]), "the group's hint is enough"
    summary = next(field for field in BY_NAME["cases"]["fields"] if field["name"] == "summary")
    assert summary["fields"][0]["widget"] == "text", "a summary gets a text area"


def test_steps_outcomes_and_sources_are_lists() -> None:
    fields = {field["name"]: field for field in BY_NAME["cases"]["fields"]}
    for name in ("steps", "outcomes", "sources"):
        assert fields[name]["widget"] == "list" and fields[name]["fields"]
    assert fields["sources"]["min"] == 1 and fields["sources"]["default"] == [{}]
    assert fields["steps"]["default"] == []
    ref = fields["sources"]["fields"][0]
    assert (ref["widget"], ref["collection"], ref["multiple"]) == ("compendium-ref", "documents", False)


def test_a_new_model_field_appears_in_the_form() -> None:
    grown = create_model("GrownCase", __base__=Case, funding=(Bilingual | None, Field(default=None, description="资金来源。 / Funding.")))
    widgets = model_widgets(grown)
    assert widgets[-1]["name"] == "funding" and widgets[-1]["label"] == "资金来源" and widgets[-1]["required"] is False
    assert key_order(grown)["fields"][-1] == "funding"


def test_a_new_id_field_without_a_list_to_choose_from_stops_the_generator() -> None:
    partners = Field(default_factory=list, description="伙伴 id。 / Partner ids.")
    grown = create_model("GrownCase", __base__=Case, partners=(list[EntryId], partners))
    with pytest.raises(UnmappedReferenceError):
        model_widgets(grown)


@pytest.mark.parametrize("typed", ["hong-se-wu-ye", "Hong-Se", "hong se", "hong--se", "-hong", "红色物业", "s2-1", "hong_se",
                                   "con", "nul", "lpt9", "com0", "con-she-qu", "aux1", "a" * 80, "a" * 81, "ab-" * 27])
def test_the_id_check_in_the_form_is_the_models(typed: str) -> None:
    id_field = BY_NAME["cases"]["fields"][0]
    form_accepts = re.search(id_field["pattern"][0], typed) is not None  # Decap tests the pattern with RegExp.test
    try:
        create_model("Probe", id=(EntryId, ...))(id=typed)
        model_accepts = True
    except ValidationError:
        model_accepts = False
    assert form_accepts is model_accepts


def test_key_order_is_the_models_at_every_level() -> None:
    order = format_specs(ALL_KINDS)["compendium-cases"]["order"]
    assert order["fields"] == list(Case.model_fields)
    assert order["children"]["steps"]["fields"] == ["title", "detail"]
    assert order["children"]["sources"]["fields"] == ["ref", "quote"]
    assert format_specs(ALL_KINDS)["compendium-documents"]["order"]["children"]["sections"]["children"]["clauses"]["fields"][0] == "id"
    assert list(Document.model_fields) == format_specs(ALL_KINDS)["compendium-documents"]["order"]["fields"]


@pytest.mark.parametrize(("name", "publish_mode"), [("github", "editorial_workflow"), ("forgejo", "editorial_workflow"),
                                                     ("gitlab", "editorial_workflow"), ("gitea", None)])
def test_git_hosts_open_pull_requests_where_decap_can(name: str, publish_mode: str | None) -> None:
    config = decap_config(BackendOptions(name=name, repo="minzheng/compendium", base_url="https://git.example.org"), ALL_KINDS)
    assert config["backend"]["name"] == name and config["backend"]["repo"] == "minzheng/compendium"
    assert config.get("publish_mode") == publish_mode
    assert config["locale"] == "zh_Hans"


def test_the_local_backend_is_decap_server_on_127_0_0_1() -> None:
    assert CONFIG["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}


def test_a_git_host_without_a_repository_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["admin", "--backend", "gitea", "--out", str(tmp_path / "admin")]) == 2
    assert "需要 --repo" in capsys.readouterr().out
    assert not (tmp_path / "admin").exists()


def test_the_admin_folder_loads_nothing_from_another_host(tmp_path: Path) -> None:
    assert main(["admin", "--backend", "github", "--repo", "minzheng/compendium", "--out", str(tmp_path / "admin")]) == 0
    admin = tmp_path / "admin"
    html = (admin / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(not re.match(r"^(https?:)?//", source) for source in sources), sources
    for source in sources:
        assert source.startswith("data:") or (admin / source).is_file(), source
    assert (admin / "vendor" / "decap-cms" / "LICENSE").is_file() and (admin / "vendor" / "yaml" / "LICENSE").is_file()
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "minzheng/compendium"
    assert [collection["name"] for collection in config["collections"]] == [spec.name for spec in collection_specs(ALL_KINDS)]
    assert json.loads((admin / "formats.json").read_text(encoding="utf-8")) == format_specs(ALL_KINDS)


def test_rewriting_the_admin_replaces_it_whole(tmp_path: Path) -> None:
    out = tmp_path / "admin"
    write_admin(out, BackendOptions(), project_at(ROOT), check_project)
    (out / "stale.js").write_text("old", encoding="utf-8")
    write_admin(out, BackendOptions(name="github", repo="a/b"), project_at(ROOT), check_project)
    assert not (out / "stale.js").exists()
    assert "a/b" in (out / "config.yml").read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["admin"], "no staging folder may be left behind"


def test_enum_option_labels_are_chinese() -> None:
    fields = {field["name"]: field for field in BY_NAME["documents"]["fields"]}
    for name in ("kind", "level", "status", "reproduction"):
        for option in fields[name]["options"]:
            assert CHINESE.search(option["label"]), (name, option)
    assert isinstance(fields["kind"]["options"][0]["value"], str) and not isinstance(fields["kind"]["options"][0]["value"], Enum)


def _shown(fields: list[dict[str, Any]], where: str) -> list[tuple[str, str, str]]:
    """(where, what, text) of every label, hint, choice and pattern message the form shows for these fields."""
    found: list[tuple[str, str, str]] = []
    for field in fields:
        path = f"{where}.{field['name']}"
        found += [(path, key, str(field[key])) for key in ("label", "hint") if key in field]
        found += [(path, "choice", option["label"]) for option in field.get("options", [])]
        if "pattern" in field:
            found.append((path, "message", field["pattern"][1]))
        found += _shown(field.get("fields", []) + ([field["field"]] if "field" in field else []), path)
    return found


def test_no_machine_words_where_an_editor_reads() -> None:
    """No label, hint, choice or message of the form says id, slug, a field path (summary.zh, document#clause), a
    snake_case key, a folder or a format code (YYYY-MM-DD); no label is a field's name or a value's code."""
    assert machine_words("案例 id。 / Case id.") == ["id", "id"]
    assert machine_words("summary.zh：HTML / en_status, document#clause, ../shared/sources, YYYY-MM-DD")
    assert machine_words("从列表中选择案例 / pick cases from the list, e.g. hong-se-wu-ye") == []
    shown: list[tuple[str, str, str]] = []
    for collection in CONFIG["collections"]:
        shown += [(collection["name"], key, collection[key]) for key in ("label", "label_singular")]
        shown += [(collection["name"], "sort", sort["label"]) for sort in collection["sortable_fields"]]
        assert all(sort["label"] != "中文文本" for sort in collection["sortable_fields"]), "sorted by a named field"
        assert "{{id}}" not in collection["summary"], "the list of entries names each by its name"
        shown += _shown(collection["fields"], collection["name"])
    found = [(where, what, text, words) for where, what, text in shown if (words := machine_words(text))]
    assert found == [], "\n".join(f"{where} {what}: {text!r} shows {words}" for where, what, text, words in found)
    labels = [(where, text) for where, what, text in shown if what in ("label", "choice")]
    assert [(where, text) for where, text in labels if not CHINESE.search(text)] == [], "a label in Chinese, not a key"
    assert [(where, text) for where, text in labels if re.search(r"[a-z]+-[a-z]+|[A-Za-z]+：", text)] == [], "no value codes"
    relations = [field for collection in CONFIG["collections"] for field in collection["fields"] if field.get("widget") == "relation"]
    assert relations and all(field["display_fields"] == ["name.zh"] for field in relations), "a choice shows its name, not its id"
