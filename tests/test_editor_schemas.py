"""The committed JSON Schemas: current with the corpus, and the ids they list catch a wrong reference."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from generator.content.pipeline import check_corpus
from generator.content.yamlsource import read_yaml
from generator.editor.schemas import schema_texts

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "schemas"
FOLDERS = {"document": "policies", "indicator": "policies/indicators", "case": "casebook", "term": "glossary", "theme": "themes"}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return schema_texts(check_corpus([ROOT], None).corpus)


def _schema(kind: str) -> dict[str, object]:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def test_committed_schemas_are_current(texts: dict[str, str]) -> None:
    for name, text in texts.items():
        committed = SCHEMAS / name
        assert committed.is_file(), f"{name} is not committed: run `compendium schema` and commit schemas/"
        assert committed.read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run `compendium schema` and commit it"


def test_every_entry_of_the_corpus_is_valid_under_its_schema() -> None:
    for kind, folder in FOLDERS.items():
        validator = jsonschema.Draft202012Validator(_schema(kind))
        for path in sorted((ROOT / folder).glob("*.yml")):
            errors = [error.message for error in validator.iter_errors(read_yaml(path).data)]
            assert not errors, f"{path}: {errors[:3]}"


def test_reference_enums_reject_ids_that_do_not_exist() -> None:
    case = read_yaml(ROOT / "casebook" / "hong-se-wu-ye.yml").data
    schema = _schema("case")
    jsonschema.validate(case, schema)
    for field, wrong in [("themes", "party-buildin"), ("indicators", "no-such-indicator"), ("terms", "hong-se-wuye"),
                         ("documents", "henan-2022-community-service-plan#s99-1")]:
        broken = copy.deepcopy(case)
        broken[field] = [*broken.get(field, []), wrong]
        with pytest.raises(jsonschema.ValidationError) as caught:
            jsonschema.validate(broken, schema)
        assert caught.value.validator == "enum" and list(caught.value.absolute_path) == [field, len(broken[field]) - 1]
    broken = copy.deepcopy(case)
    broken["sources"][0]["ref"] = "henan-six-measures-artcle"
    with pytest.raises(jsonschema.ValidationError, match="is not one of"):
        jsonschema.validate(broken, schema)


def test_enums_carry_names_for_the_editor() -> None:
    themes = _schema("case")["properties"]["themes"]["items"]  # type: ignore[index]
    assert len(themes["enum"]) == len(themes["markdownEnumDescriptions"]) > 5
    index = themes["enum"].index("party-building")
    assert "党建" in themes["markdownEnumDescriptions"][index]
    fact_indicator = _schema("document")["$defs"]["Fact"]["properties"]["indicator"]  # type: ignore[index]
    assert "rural-community-service-facility-coverage" in fact_indicator["enum"]
    assert " / " in fact_indicator["description"]


def test_vscode_settings_map_every_folder_to_its_committed_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind, folder in FOLDERS.items():
        assert mapping[f"./schemas/{kind}.schema.json"] == [f"{folder}/*.yml"]
        assert (ROOT / "schemas" / f"{kind}.schema.json").is_file()
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    assert "schemas/" not in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
