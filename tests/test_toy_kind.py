"""Adding a kind of entry is a registry entry, a model and a template (generator/content/kinds.py).

The toy kind here, a community service station, is declared in this file (its model and its registry entry);
its page template and one entry are in tests/data/toy-kind. Nothing else in the generator is told about it,
yet check validates and links it, the site gives it pages in both languages, a listing, a place on its themes'
pages and in search, and the editors get a schema, a skeleton and a collection in the web form.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import Field

from generator.content.kinds import FormSpec, Kind
from generator.content.model import Bilingual, DocumentRefs, EntryId, Strict, ThemeIds, doc
from generator.content.project import resolve_project
from generator.courses.kind import ALL_KINDS
from generator.editor.decap_config import BackendOptions, decap_config
from generator.editor.newentry import new_command
from generator.editor.schemas import schema_texts
from generator.site.build import build_project
from generator.site.projectcheck import check_project
from tests.conftest import DATA, make_project

TOY = DATA / "toy-kind"


class Station(Strict):
    """A community service station (``stations/*.yml``), a kind only this test knows."""

    id: EntryId = Field(description=doc("服务站 id。", "Station id."))
    name: Bilingual = Field(description=doc("服务站名称。", "Station name."))
    summary: Bilingual = Field(description=doc("概述（支持 Markdown）。", "Summary (Markdown allowed)."))
    documents: DocumentRefs = Field(default_factory=list, description=doc("依据的文件或条款。", "Documents or clauses it rests on."))
    themes: ThemeIds = Field(default_factory=list, description=doc("主题 id。", "Theme ids."))


STATION = Kind("station", "stations", "stations", "stations", Station, "name", "服务站", "station", ("社区服务站", "Service stations"),
               form=FormSpec("社区服务站", rank=7), template_folder=TOY)
KINDS = ALL_KINDS.adding(STATION)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus with the toy kind's folder beside its own."""
    folder = make_project(tmp_path_factory.mktemp("toy"), DATA / "valid")
    shutil.copytree(TOY / "stations", folder / "stations")
    return folder


def test_check_validates_and_links_the_new_kind(project: Path, tmp_path: Path) -> None:
    result = check_project([project], None, kinds=KINDS)
    assert not result.problems, [problem.code for problem in result.problems]
    assert list(result.corpus.table("station")) == ["jie-dao-fu-wu-zhan"]
    theme_links = [link.source for link in result.corpus.backlinks[("theme", "community-services", None)]]
    assert ("station", "jie-dao-fu-wu-zhan") in [source.page_key for source in theme_links]
    cited = result.corpus.backlinks[("document", "sample-article", "s1-1")]
    assert ("station", "jie-dao-fu-wu-zhan") in [link.source.page_key for link in cited]

    broken = shutil.copytree(project, tmp_path / "broken")
    entry = broken / "stations" / "jie-dao-fu-wu-zhan.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("community-services", "community-servises"), encoding="utf-8")
    (broken / "stations" / "ju-min-zhan.yml").write_text(  # invalid (a misspelt field): its references are still checked
        "id: ju-min-zhan\nname:\n  zh: 居民服务站\nsumary:\n  zh: 拼错的字段\nthemes:\n  - no-such-theme\n", encoding="utf-8")
    problems = check_project([broken], None, kinds=KINDS).problems
    found = {(problem.path.name, problem.position.line, problem.code) for problem in problems}
    assert ("jie-dao-fu-wu-zhan.yml", 10, "missing-reference") in found
    assert "did you mean 'community-services'" in next(p.message("en") for p in problems if p.path.name == "jie-dao-fu-wu-zhan.yml")
    assert ("ju-min-zhan.yml", 7, "missing-reference") in found, "the reference scan of an invalid entry reads the new model"
    assert any(name == "ju-min-zhan.yml" and code != "missing-reference" for name, _, code in found)


def test_the_site_gives_the_new_kind_its_pages(project: Path) -> None:
    report = build_project(resolve_project(project, sources=DATA / "sources", kinds=KINDS), offline=False)
    assert report.ok
    site = project / "site"
    for prefix, name in (("", "街道综合服务站"), ("en/", "Subdistrict service station")):
        page = (site / prefix / "stations" / "jie-dao-fu-wu-zhan.html").read_text(encoding="utf-8")
        assert "<h1" in page and name in page, "the page is written from the kind's own template"
        cited = (site / prefix / "documents" / "sample-article.html").read_text(encoding="utf-8")
        assert "../stations/jie-dao-fu-wu-zhan.html" in cited, "the clause it cites lists it"
        theme = (site / prefix / "themes" / "community-services.html").read_text(encoding="utf-8")
        assert "../stations/jie-dao-fu-wu-zhan.html" in theme and ("社区服务站" if not prefix else "Service stations") in theme
        listing = (site / prefix / "stations" / "index.html").read_text(encoding="utf-8")
        assert "jie-dao-fu-wu-zhan.html" in listing and name in listing
        assert 'href="stations/index.html"' in (site / prefix / "offline.html").read_text(encoding="utf-8")
    index = "".join(path.read_text(encoding="utf-8") for path in (site / "search").rglob("*.js"))
    assert "stations/jie-dao-fu-wu-zhan.html" in index, "search finds the new kind's pages"


def test_editors_get_a_schema_a_skeleton_and_a_form_for_the_new_kind(project: Path, tmp_path: Path) -> None:
    schema = json.loads(schema_texts(KINDS)["station.schema.json"])
    assert "theme ids: see the themes/ folder" in schema["properties"]["themes"]["description"]

    folder = shutil.copytree(project, tmp_path / "new")
    assert new_command(resolve_project(folder, kinds=KINDS), "station", "社区服务站", None, None) == 0
    written = folder / "stations" / "she-qu-fu-wu-zhan.yml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# 新服务站：社区服务站 · new station:") and "zh: 社区服务站" in text
    assert yaml.safe_load(text)["themes"] == []

    collections = {c["name"]: c for c in decap_config(BackendOptions(), KINDS)["collections"]}
    stations = collections["stations"]
    assert (stations["folder"], stations["label"], stations["label_singular"]) == ("stations", "社区服务站", "服务站")
    fields = {field["name"]: field for field in stations["fields"]}
    assert (fields["themes"]["widget"], fields["themes"]["collection"]) == ("relation", "themes")
    assert (fields["documents"]["widget"], fields["documents"]["collection"]) == ("compendium-ref", "documents")
    assert list(collections)[-1] == "stations", "its place in the sidebar is its rank"
