"""The reader's menu and the editors' pages, kept apart.

A community worker's menu holds reader pages only: what the compendium says and how to read it.
The pages for people who edit, run or publish the site (editing guide, field reference, command
line, web form, translation terms, deployment) are still built, but reached from one "参与编辑 /
Contribute" page linked in the footer, never from the navigation. The Chinese menu is ``nav`` in
mkdocs.yml; the English one is written here into the generated English configuration, and
tests/test_navigation.py keeps the two alike, page for page.
"""

from __future__ import annotations

from pathlib import Path

from generator.site.labels import label

CONTRIBUTE_PAGE = "contribute.md"

# (page, Chinese title, English title): hand-written pages under docs/ and generated ones for editors
CONTRIBUTOR_PAGES: tuple[tuple[str, str, str], ...] = (
    ("editing.md", "编辑指南：怎样新增和修改条目", "Editing guide: adding and changing entries"),
    ("cms.md", "网页表单：不写代码也能编辑", "The web form: editing without code"),
    ("reference/fields.md", "字段参考", "Field reference"),
    ("translation-terms.md", "译名表", "Translation terms"),
    ("cli.md", "命令行", "Command line"),
    ("deploy.md", "部署：发布本站", "Deployment: publishing the site"),
)

# The English reader's menu: the same pages, in the same order, as nav in mkdocs.yml.
ENGLISH_NAV = """\
nav:
  - Home: index.md
  - Documents: documents/index.md
  - Indicators: indicators/index.md
  - Community work methods: cases/index.md
  - Glossary: glossary/index.md
  - Themes: themes/index.md
  - Training courses: courses/index.md
  - Browse:
      - By region: browse/region.md
      - By year: browse/year.md
      - By issuer: browse/issuer.md
      - By document kind: browse/kind.md
  - Downloads: downloads.md
  - How a status is decided: reference/status-rules.md
"""


def contribute_page(lang: str) -> str:
    """The "参与编辑 / Contribute" page: what the editors' pages are, each one line."""
    en = lang == "en"
    title = label("contribute", lang)
    intro = ("These pages are for the people who add entries, check them and publish the site. "
             "You do not need them to read the compendium." if en else
             "以下页面写给新增和核对条目、发布网站的人。只是查阅本站内容，不需要看这些页面。")
    lines = [
        "---",
        f"title: {title}",
        f"description: {intro}",
        "---",
        "",
        f"# {title}",
        "",
        intro,
        "",
    ]
    lines += [f"- [{english if en else chinese}]({page})" for page, chinese, english in CONTRIBUTOR_PAGES]
    return "\n".join(lines) + "\n"


def keep_editors_pages_out_of_search(docs: Path) -> None:
    """Mark the editors' pages in a built docs folder so that the reader's search never lists them.

    A worker asking 家里有人被家暴社区能帮忙吗 should not be offered the web form; editors reach these pages from
    the footer's Contribute page. The mark is Material's own (``search: {exclude: true}`` in the front matter),
    written into the staged copy only, never into the editor's file under docs/.
    """
    for page in (CONTRIBUTE_PAGE, *(page for page, _, _ in CONTRIBUTOR_PAGES)):
        path = docs / page
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = "---\nsearch:\n  exclude: true\n" + text.removeprefix("---\n")
        else:
            text = "---\nsearch:\n  exclude: true\n---\n\n" + text
        path.write_text(text, encoding="utf-8")
