"""Printing on A4 from Chromium: a case, an indicator and the largest document page.

Each page is laid out for print (print media, the width of A4's printable area) and printed to
PDF with Playwright's ``page.pdf`` in Debian's Chromium. No table is wider than the printable area
and no cell sticks out of its table (nothing cut mid-column); navigation is not printed; the
page's address and dates are; headings stay with what follows.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

MM = 96 / 25.4  # CSS pixels per millimetre
MARGIN_MM = {"top": 16, "bottom": 16, "left": 14, "right": 14}  # as @page in compendium.css
PRINTABLE_WIDTH = (210 - MARGIN_MM["left"] - MARGIN_MM["right"]) * MM  # ≈ 688 px

TABLES = """() => Array.from(document.querySelectorAll(".md-content table"))
  .filter((table) => table.getClientRects().length > 0)  // printed at all (the chart's table view is not)
  .map((table) => {
  const box = table.getBoundingClientRect();
  const cells = Array.from(table.querySelectorAll("td, th"));
  return {
    width: box.width, scroll: table.scrollWidth, client: table.clientWidth,
    cut: cells.filter((cell) => cell.getBoundingClientRect().right > box.right + 1 || cell.scrollWidth > cell.clientWidth + 1).length,
    rows: table.rows.length, empty: Array.from(table.rows).filter((row) => row.getBoundingClientRect().height < 1).length,
  };
})"""


def _largest(site: Path, folder: str) -> str:
    files = [path for path in (site / folder).glob("*.html") if path.name != "index.html"]
    return f"{folder}/{max(files, key=lambda path: path.stat().st_size).name}"


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("kind", ["case", "indicator", "document"])
def test_page_prints_on_a4_without_cutting_a_table(browser: Browser, site_url: str, built_site: Path, *,
                                                   tmp_path: Path, kind: str, lang: str) -> None:
    path = {"case": "cases/hong-se-wu-ye.html", "indicator": _largest(built_site, "indicators"),
            "document": _largest(built_site, "documents")}[kind]
    context = browser.new_context(viewport={"width": round(PRINTABLE_WIDTH), "height": 1000})
    try:
        page = context.new_page()
        page.goto(site_url + lang + path)
        page.emulate_media(media="print")
        tables = page.evaluate(TABLES)
        assert tables, "every one of these pages has at least one table"
        for table in tables:
            assert table["width"] <= PRINTABLE_WIDTH + 1, table
            assert table["scroll"] <= table["client"] + 1, table
            assert table["cut"] == 0, table
            assert table["empty"] == 0, table
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".text-size-bar"):
            assert not page.is_visible(hidden), hidden
        meta = page.inner_text(".print-meta")
        assert site_url + lang + path in meta and re.search(r"\d{4}-\d{2}-\d{2}", meta)
        assert page.eval_on_selector(".md-typeset h2", "e => getComputedStyle(e).breakAfter") == "avoid"
        # citations are readable on paper: no bare § and no internal clause ids
        text = page.inner_text(".md-content")
        assert not re.search(r"§ ?s\d+-\d+", text)

        pdf = page.pdf(format="A4", prefer_css_page_size=True,
                       margin={side: f"{mm}mm" for side, mm in MARGIN_MM.items()})
        assert pdf.startswith(b"%PDF")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages >= 1
        (tmp_path / f"{kind}-{lang.strip('/') or 'zh'}.pdf").write_bytes(pdf)
    finally:
        context.close()
