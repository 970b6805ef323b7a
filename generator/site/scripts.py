"""The search box's scripts as one file, ``assets/javascripts/cg-search.js``, loaded early from the header.

The header box (overrides/partials/cg-search.html) loads it ``async`` right after the box, so the box and
the engine work before the theme's own bundle has been fetched and run: on a slow phone that bundle is
the second largest thing a page loads. One file instead of three saves requests on the way to the first
result (a phone browser opens six connections, and the stylesheets, the logo and the theme's bundle
already take them).
"""

from __future__ import annotations

from pathlib import Path

SEARCH_SCRIPT = "cg-search.js"
PARTS = ("porter.js", "search.js", "search-ui.js")  # in this order: the stemmer, the engine, what readers see


def write_search_script(javascripts: Path) -> Path:
    """Join the parts into ``javascripts/cg-search.js`` and remove them there (the site serves only the whole)."""
    target = javascripts / SEARCH_SCRIPT
    text = "".join(f"/* {part} */\n" + (javascripts / part).read_text(encoding="utf-8").rstrip("\n") + "\n" for part in PARTS)
    target.write_text(text, encoding="utf-8")
    for part in PARTS:
        (javascripts / part).unlink()
    return target
