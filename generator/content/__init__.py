"""YAML → a checked, linked corpus: the one source of truth; knows nothing of pages."""
