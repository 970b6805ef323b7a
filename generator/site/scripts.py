"""The search box's scripts as one file, ``assets/javascripts/cg-search.js``, loaded early from the header.

The header box (overrides/partials/cg-search.html) loads it ``async`` right after the box, so the box and
the engine work before the theme's own bundle has been fetched and run: on a slow phone that bundle is
the second largest thing a page loads. One file instead of three saves requests on the way to the first
result (a phone browser opens six connections, and the stylesheets, the logo and the theme's bundle
already take them).

The parts' comments and indentation are for the people who read the sources, not for a phone: the served
file leaves out every line that is only a comment and the indentation of the others (a quarter of its
compressed bytes, on the way to the box being ready). Nothing else is touched: no line is joined to the next
and no comment after code is cut, so the code runs as written without a JavaScript parser here.
"""

from __future__ import annotations

import re
from pathlib import Path

SEARCH_SCRIPT = "cg-search.js"
PARTS = ("porter.js", "search.js", "search-ui.js")  # in this order: the stemmer, the engine, what readers see
SOURCES = "generator/site/assets/javascripts/"
# a block comment that starts a line (after indentation) and runs to a line's end, possibly over several lines
_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?:(?!\*/).)*\*/[ \t]*$\n?", re.DOTALL | re.MULTILINE)


def served_text(source: str) -> str:
    """``source`` without its comment lines, blank lines and indentation."""
    text = _BLOCK_COMMENT.sub("", source)
    lines = (line.strip() for line in text.splitlines())
    return "".join(line + "\n" for line in lines if line and not line.startswith("//"))


def write_search_script(javascripts: Path) -> Path:
    """Join the parts into ``javascripts/cg-search.js`` and remove them there (the site serves only the whole)."""
    target = javascripts / SEARCH_SCRIPT
    text = f"/* {', '.join(PARTS)} (the sources, with comments: {SOURCES}) */\n"
    text += "".join(served_text((javascripts / part).read_text(encoding="utf-8")) for part in PARTS)
    target.write_text(text, encoding="utf-8")
    for part in PARTS:
        (javascripts / part).unlink()
    return target
