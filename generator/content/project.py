"""The project a command works on, resolved once: its folder, public address, sources, languages, kinds and outputs.

Every command builds one :class:`Project` the same way (generator/cli.py) and hands it on; no module reads
``mkdocs.yml`` or the working directory on its own.

- The project folder: ``--root``; else the nearest folder holding ``mkdocs.yml`` at or above where the command
  starts (the current folder, or for ``check PATH`` the first path named); else the current folder.
- The public address (``site_url``): ``--site-url``; else ``$COMPENDIUM_SITE_URL``; else ``site_url`` in the
  project's ``mkdocs.yml``; "" when none (a site opened from disk). Read here only, written with a final ``/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.content.kinds import CORPUS_KINDS, Kinds
from generator.content.sources import FINGERPRINTS, SourceLibrary

CONFIG = "mkdocs.yml"
SITE_URL_VARIABLE = "COMPENDIUM_SITE_URL"  # overrides mkdocs.yml's site_url, like --site-url
LANGUAGES = ("zh", "en")  # Chinese first: the site's root; English under en/


@dataclass(frozen=True)
class Project:
    """Settings every command receives; paths are absolute."""

    root: Path
    site_url: str = ""
    sources: Path | None = None  # --sources; None: $COMPENDIUM_SOURCES or ../shared/sources (generator/content/quotes.py)
    languages: tuple[str, ...] = LANGUAGES
    kinds: Kinds = CORPUS_KINDS  # the command line adds the course (generator/courses/kind.py)
    site_dir: Path | None = None  # --site-dir; None: ROOT/site

    @property
    def site(self) -> Path:
        """The built site."""
        return self.site_dir or self.root / "site"

    @property
    def generated(self) -> Path:
        """The generated Markdown of each language, and the English configuration."""
        return self.root / "generated"

    @property
    def packs(self) -> Path:
        """Course packs written by ``compendium course``."""
        return self.root / "build" / "courses"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def fingerprints(self) -> Path:
        return self.root / FINGERPRINTS

    @property
    def admin(self) -> Path:
        """Where ``compendium admin`` writes the web form."""
        return self.site / "admin"

    def library(self) -> SourceLibrary:
        """The captured sources and fingerprints that quotes are checked against."""
        return SourceLibrary.for_project(self.root, self.sources)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``mkdocs.yml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG).is_file():
            return folder
    return None


def resolve_project(root: Path | None = None, *, start: Path | None = None, site_url: str | None = None,
                    sources: Path | None = None, kinds: Kinds = CORPUS_KINDS, site_dir: Path | None = None) -> Project:
    """The project of a command: ``root`` (``--root``), else found from ``start`` (default: the current folder)."""
    folder = root.resolve() if root is not None else find_root(start or Path.cwd()) or Path.cwd().resolve()
    return Project(root=folder, site_url=read_site_url(folder, site_url), sources=sources, kinds=kinds,
                   site_dir=site_dir.resolve() if site_dir is not None else None)


def read_site_url(root: Path, given: str | None = None) -> str:
    """The public address: ``given`` (--site-url), else $COMPENDIUM_SITE_URL, else mkdocs.yml's site_url; "" when none."""
    value = given or os.environ.get(SITE_URL_VARIABLE) or str(config_value(root / CONFIG, "site_url") or "")
    return value if not value or value.endswith("/") else value + "/"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running it: Python tags (``!!python/name:…``) and ``!ENV`` are read as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def config_value(config: Path, key: str, depth: int = 0) -> Any:
    """One top-level value of a MkDocs configuration, following ``INHERIT`` (None when absent)."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    if key in data:
        return data[key]
    parent = data.get("INHERIT")
    return config_value(config.parent / parent, key, depth + 1) if isinstance(parent, str) and depth < 5 else None
