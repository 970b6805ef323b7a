"""社区治理知识库 · Community Governance Compendium: YAML entries to a bilingual static site."""

__version__ = "0.1.0"
