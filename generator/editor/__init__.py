"""Editor tooling: scaffolding, source intake, schemas and the web-form configuration."""
