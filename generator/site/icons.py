"""The site's logo (SVG) and its PNG icons, drawn here; ``python -m generator.site.icons`` redraws the PNGs.

A roof over three people: a community. The PNGs (favicon, touch icon, manifest icons) are
screenshots of the same drawing in Debian's Chromium, full-bleed so that launchers may mask
them to any shape (the figure stays inside the central 80 %). They are committed, so a build
needs no browser.
"""

from __future__ import annotations

from pathlib import Path

IMAGES = Path(__file__).parent / "assets" / "images"
PNG_SIZES = (32, 180, 192, 512)


def logo_svg(corner: float = 14) -> str:
    """The logo on a 64-unit square; ``corner`` 0 for the full-bleed icons."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="社区治理知识库">'
        f'<rect width="64" height="64" rx="{corner:g}" fill="#303f9f"/>'
        '<path d="M13 30 L32 14 L51 30" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" '
        'stroke-linejoin="round"/>'
        '<circle cx="22" cy="35" r="4.5" fill="#ffca28"/><circle cx="42" cy="35" r="4.5" fill="#ffca28"/>'
        '<circle cx="32" cy="32" r="5" fill="#fff"/>'
        '<path d="M14.5 50 a7.5 7.5 0 0 1 15 0 z M34.5 50 a7.5 7.5 0 0 1 15 0 z" fill="#ffca28"/>'
        '<path d="M23.5 50 a8.5 8.5 0 0 1 17 0 z" fill="#fff"/>'
        "</svg>\n"
    )


def draw() -> None:
    """Write logo.svg and icon-N.png (needs Playwright and /usr/bin/chromium; never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    (IMAGES / "logo.svg").write_text(logo_svg(), encoding="utf-8")
    square = logo_svg(corner=0)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        for size in PNG_SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f'<body style="margin:0">{square.replace("<svg ", f"<svg width={size} height={size} ")}</body>')
            page.screenshot(path=str(IMAGES / f"icon-{size}.png"), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    draw()
