"""The corpus as pages, charts and downloads, built by the site engine (called from ``build.py`` only)."""
