"""One language's MkDocs kept ready between saves (``compendium serve``), to write single pages at once.

A MkDocs build, even a dirty one, loads the configuration, lists every file, builds the navigation and
writes the theme's own pages before it looks at the one page that changed: at 1,000 entries that is seconds.
The preview keeps that work from one save to the next: the configuration, the files, the navigation and the
theme's templates are made once (again only when the configuration, the theme overrides or the set of pages
changed), and a save renders its page through MkDocs' own steps (``_populate_page`` and ``_build_page`` of
``mkdocs.commands.build``: read, Markdown, page context, template), so the page reads as the full build
writes it. The HTML is returned, not written: the caller passes it through the guard first.

With generator/site/build.py, this is the only module that calls MkDocs (the house rule names build.py alone;
this is its companion for the preview, and moves with it when the site generator is replaced).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Stamp = tuple[tuple[str, int, int], ...]


def _stamp(paths: list[Path]) -> Stamp:
    """What decides whether the kept MkDocs is still right: the configuration files and the theme overrides."""
    stamps = []
    for path in paths:
        files = [path] if not path.is_dir() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            try:
                status = file.stat()
            except OSError:
                continue
            stamps.append((str(file), status.st_size, status.st_mtime_ns))
    return tuple(stamps)


class KeptSite:
    """MkDocs' configuration, files, navigation and templates for one language, ready to render a page."""

    def __init__(self, config_file: Path, site_dir: Path, site_url: str | None, watched: list[Path]) -> None:

        with mkdocs_quiet():  # as the dirty build did: the full build reports warnings
            self._prepare(config_file, site_dir, site_url, watched)

    def _prepare(self, config_file: Path, site_dir: Path, site_url: str | None, watched: list[Path]) -> None:
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation

        self.watched = [config_file, *watched]
        self.stamp = _stamp(self.watched)
        overrides: dict[str, Any] = {"site_url": site_url} if site_url is not None else {}
        config = load_config(str(config_file), site_dir=str(site_dir), strict=False, **overrides)
        config.plugins.on_startup(command="build", dirty=True)
        self.config = config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        self.env = config.theme.get_env()
        files.add_files_from_theme(self.env, config)
        self.files = files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        self.nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        self.env = config.plugins.on_env(self.env, config=config, files=files)
        self.pages = {file.src_uri for file in files.documentation_pages()}
        self.site_dir = Path(config.site_dir)

    def current(self) -> bool:
        """Whether the configuration and the theme overrides are as they were when this was made."""
        return _stamp(self.watched) == self.stamp

    def render(self, page_path: str) -> tuple[Path, str]:
        """Where the page's HTML goes and the HTML, from its Markdown as it is now in the docs folder."""
        with mkdocs_quiet():
            return self._render(page_path)

    def _render(self, page_path: str) -> tuple[Path, str]:
        from mkdocs.commands.build import get_context
        from mkdocs.structure.pages import Page

        config, files = self.config, self.files
        file = files.get_file_from_path(page_path)
        if file is None:  # a new entry's page: MkDocs lists it as its own build would (not in the menu)
            from mkdocs.structure.files import File

            file = File(page_path, config.docs_dir, config.site_dir, config.use_directory_urls)
            files.append(file)
            self.pages.add(page_path)
        page = file.page if file.page is not None else Page(None, file, config)
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
            page.active = True
            doc_files = files.documentation_pages()
            context = get_context(self.nav, doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = config.plugins.on_post_page(template.render(context), page=page, config=config)
        finally:
            page.active = False
            config._current_page = None
        return Path(file.abs_dest_path), output


@contextlib.contextmanager
def mkdocs_quiet() -> Iterator[None]:
    """MkDocs' logger at ERROR for the block only: a strict build later in the same process still hears warnings."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step: a reader gets the old page or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    draft.write_bytes(text.encode("utf-8", errors="xmlcharrefreplace"))
    draft.replace(path)
