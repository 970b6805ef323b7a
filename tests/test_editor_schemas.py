"""The committed JSON Schemas: derived from the content model alone, so adding entries never makes them stale.

They hold no ids of the corpus (see generator/editor/schemas.py for why): `source add`, `new` and saves from
the form add entries without touching schemas/, and `compendium schema --check` (in the pull-request
workflows, tests/test_workflows.py) fails when the model changed and schemas/ was not regenerated.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from generator.cli import main
from generator.content.yamlsource import read_yaml
from generator.courses.kind import ALL_KINDS
from generator.editor.schemas import schema_texts

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "schemas"
FOLDERS = {"document": "policies", "indicator": "policies/indicators", "case": "casebook", "term": "glossary", "theme": "themes"}


def _schema(kind: str) -> dict[str, object]:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def test_committed_schemas_are_current() -> None:
    for name, text in schema_texts(ALL_KINDS).items():
        committed = SCHEMAS / name
        assert committed.is_file(), f"{name} is not committed: run `compendium schema` and commit schemas/"
        assert committed.read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run `compendium schema` and commit it"


def test_every_entry_of_the_corpus_is_valid_under_its_schema() -> None:
    for kind, folder in FOLDERS.items():
        validator = jsonschema.Draft202012Validator(_schema(kind))
        for path in sorted((ROOT / folder).glob("*.yml")):
            errors = [error.message for error in validator.iter_errors(read_yaml(path).data)]
            assert not errors, f"{path}: {errors[:3]}"


def test_no_id_of_the_corpus_is_in_the_schemas() -> None:
    """A new theme, document or clause is never marked as an error by a schema that does not know it yet."""
    texts = "".join(schema_texts(ALL_KINDS).values())
    for folder in FOLDERS.values():
        for path in (ROOT / folder).glob("*.yml"):
            assert f'"{path.stem}"' not in texts, path.stem
    case = read_yaml(ROOT / "casebook" / "hong-se-wu-ye.yml").data
    fresh = copy.deepcopy(case)
    fresh["themes"] = [*fresh.get("themes", []), "a-theme-added-today"]
    fresh["documents"] = ["a-document-added-today#s9-9"]
    jsonschema.validate(fresh, _schema("case"))


def test_the_schemas_still_catch_what_is_wrong_on_its_face() -> None:
    case = read_yaml(ROOT / "casebook" / "hong-se-wu-ye.yml").data
    schema = _schema("case")
    for field, wrong in [("themes", "Party Building"), ("documents", "henan-2022-community-service-plan#第三条"),
                         ("indicators", "社区工作者")]:
        broken = copy.deepcopy(case)
        broken[field] = [*broken.get(field, []), wrong]
        with pytest.raises(jsonschema.ValidationError) as caught:
            jsonschema.validate(broken, schema)
        assert caught.value.validator == "pattern" and list(caught.value.absolute_path) == [field, len(broken[field]) - 1]
    document = _schema("document")
    assert "action-plan" in document["$defs"]["DocumentKind"]["enum"]


def test_reference_fields_say_which_ids_they_take_in_both_languages() -> None:
    themes = _schema("case")["properties"]["themes"]
    assert "主题 id，见 themes/" in themes["description"] and "compendium check verifies that it exists" in themes["description"]
    ref = _schema("case")["$defs"]["SourceQuote"]["properties"]["ref"]
    assert "henan-2022-community-service-plan#s3-1" in ref["description"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "data" / "valid", root)
    shutil.copytree(SCHEMAS, root / "schemas")
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("COMPENDIUM_SOURCES", str(tmp_path / "no-shared-sources"))
    return root


def test_new_entries_leave_the_schemas_current(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {path.name: path.read_bytes() for path in (project / "schemas").iterdir()}
    assert main(["source", "add", str(ROOT / "tests" / "data" / "intake" / "hunan-notice.html"), "--id", "hunan-notice"]) == 0
    assert main(["new", "case", "--name", "居民议事厅"]) == 0
    assert main(["new", "theme", "--name", "协商议事"]) == 0
    assert {path.name: path.read_bytes() for path in (project / "schemas").iterdir()} == before
    capsys.readouterr()
    assert main(["schema", "--check"]) == 0
    assert "JSON Schema 是最新的" in capsys.readouterr().out


def test_vscode_settings_map_every_folder_to_its_committed_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind, folder in FOLDERS.items():
        assert mapping[f"./schemas/{kind}.schema.json"] == [f"{folder}/*.yml"]
        assert (ROOT / "schemas" / f"{kind}.schema.json").is_file()
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    assert "schemas/" not in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
