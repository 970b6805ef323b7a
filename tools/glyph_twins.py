"""Write generator/editor/glyph_twins.txt: code points that share one glyph with a standard character in CJK SC fonts.

    python tools/glyph_twins.py      # needs fontTools and the Noto CJK fonts (Debian: fonts-noto-cjk)

A PDF's text layer maps each glyph back to one code point. Where a font draws several code points with
the same glyph (户 and the Kangxi radical ⼾, 民 and ⺠, 胶 and 㬵), the PDF may name any of them, so
"户籍" comes out as "⼾籍" — and Unicode normalisation then turns ⼾ into 戶, a traditional character the
page never showed. This table pairs every such twin with the one character of the group that GB 2312 (the
simplified standard set) contains, as the fonts Chinese PDFs are made with (Source Han / Noto CJK SC, Sans
and Serif) draw them; groups with no GB 2312 member are left out.
"""

from __future__ import annotations

import collections
from pathlib import Path

from fontTools.ttLib import TTCollection

FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
OUT = Path(__file__).resolve().parents[1] / "generator" / "editor" / "glyph_twins.txt"


def gb2312() -> set[str]:
    found = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def main() -> None:
    standard = gb2312()
    twins: dict[str, str] = {}
    for path in FONTS:
        for font in TTCollection(path).fonts:
            if "SC" not in font["name"].getDebugName(4):
                continue
            by_glyph: dict[str, list[int]] = collections.defaultdict(list)
            for code, glyph in font.getBestCmap().items():
                by_glyph[glyph].append(code)
            for codes in by_glyph.values():
                members = {chr(code) for code in codes}
                chosen = members & standard
                if len(members) > 1 and len(chosen) == 1:
                    target = chosen.pop()
                    for member in sorted(members - {target}):
                        twins.setdefault(member, target)
    lines = [f"{variant} {target}  U+{ord(variant):04X} -> U+{ord(target):04X}" for variant, target in sorted(twins.items())]
    OUT.write_text("# variant standard: written by tools/glyph_twins.py; do not edit\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} twins -> {OUT}")


if __name__ == "__main__":
    main()
