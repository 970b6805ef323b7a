"""The Decap CMS configuration, generated from the content model: collections, backend and the key order of every file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.content.kinds import Kind, Kinds
from generator.editor.decap_fields import FormFields
from generator.editor.decap_shapes import field_shape

LOCAL_PROXY = "http://127.0.0.1:8081/api/v1"
BACKENDS = ("local", "github", "gitea", "forgejo", "gitlab")
# Backends whose Decap implementation opens a pull (merge) request per entry.
EDITORIAL_WORKFLOW = frozenset({"github", "forgejo", "gitlab"})


@dataclass(frozen=True)
class CollectionSpec:
    """One kind of entry as a Decap folder collection (from the kind's FormSpec, generator/content/kinds.py)."""

    name: str
    folder: str
    model: type[BaseModel]
    label: str
    label_singular: str
    name_field: str
    en: str  # one of them, in English (the form's English hints)
    create: bool = True
    omit: frozenset[str] = frozenset()

    @classmethod
    def of(cls, kind: Kind) -> CollectionSpec:
        assert kind.form is not None
        return cls(kind.plural, kind.source, kind.model, kind.form.label, kind.zh, kind.name_field, kind.en, kind.form.create,
                   kind.form.omit)

    @property
    def format(self) -> str:
        """Name of the custom file format compendium-format.js registers for this collection."""
        return f"compendium-{self.name}"


def collection_specs(kinds: Kinds) -> tuple[CollectionSpec, ...]:
    """Every kind the form edits, in the order of its sidebar."""
    return tuple(CollectionSpec.of(kind) for kind in kinds.in_form())


@dataclass(frozen=True)
class BackendOptions:
    """Where the admin saves: the local decap-server proxy, or a Git host."""

    name: str = "local"
    repo: str | None = None
    branch: str = "main"
    base_url: str | None = None
    api_root: str | None = None
    app_id: str | None = None
    proxy_url: str = LOCAL_PROXY
    site_url: str | None = None

    def problems(self) -> list[str]:
        """What is missing for this backend, in Chinese then English."""
        if self.name not in BACKENDS:
            return [f"未知的后端 {self.name} / unknown backend {self.name}"]
        if self.name != "local" and not self.repo:
            return [f"后端 {self.name} 需要 --repo 所有者/仓库 / backend {self.name} needs --repo OWNER/NAME"]
        return []


def backend_config(options: BackendOptions) -> dict[str, Any]:
    """The ``backend`` section (plus ``publish_mode`` where the backend opens pull requests)."""
    if options.name == "local":
        return {"backend": {"name": "proxy", "proxy_url": options.proxy_url, "branch": options.branch}}
    backend: dict[str, Any] = {"name": options.name, "repo": options.repo, "branch": options.branch}
    for key in ("base_url", "api_root", "app_id"):
        value = getattr(options, key)
        if value:
            backend[key] = value
    if options.name == "github":
        backend["open_authoring"] = True  # editors without push rights work in a fork; Decap opens the pull request
    if options.name in ("gitea", "forgejo") or (options.name == "gitlab" and options.app_id):
        backend["auth_type"] = "pkce"  # log in from the browser with the OAuth application's id, no secret
    config: dict[str, Any] = {"backend": backend}
    if options.name in EDITORIAL_WORKFLOW:
        config["publish_mode"] = "editorial_workflow"
    return config


def collection_config(spec: CollectionSpec, fields: FormFields) -> dict[str, Any]:
    """One folder collection: fields generated from the model, files named after their id."""
    widgets = fields.entry_widgets(spec.model, spec.label_singular, spec.en, omit=spec.omit)
    named = next(widget["label"] for widget in widgets if widget["name"] == spec.name_field)
    return {
        "name": spec.name,
        "label": spec.label,
        "label_singular": spec.label_singular,
        "folder": spec.folder,
        "extension": "yml",
        "format": spec.format,
        "create": spec.create,
        "delete": False,
        "slug": "{{id}}",
        "identifier_field": "id",
        "summary": f"{{{{{spec.name_field}.zh}}}}",  # the list of entries names each by its name, not its id
        # sorted by the name, offered under the name field's own label (Decap would say 中文文本, the label of .zh)
        "sortable_fields": [{"field": f"{spec.name_field}.zh", "label": named}],
        "fields": widgets,
    }


def decap_config(options: BackendOptions, kinds: Kinds) -> dict[str, Any]:
    """The whole config.yml for the admin page: a collection for each of ``kinds`` the form edits."""
    fields = FormFields(kinds)
    config: dict[str, Any] = {
        "locale": "zh_Hans",
        **backend_config(options),
        # Decap insists on a media folder; entries carry no images, so nothing is ever uploaded here.
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "editor": {"preview": False},
        "collections": [collection_config(spec, fields) for spec in collection_specs(kinds)],
    }
    if options.site_url:
        config["site_url"] = options.site_url
        config["display_url"] = options.site_url
    return config


def key_order(model: type[BaseModel]) -> dict[str, Any]:
    """The model's field order, nested: how compendium-format.js orders keys it writes."""
    children: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        try:
            shape = field_shape(info)
        except TypeError:  # a union of scalars (a quiz item's answer): a value, nothing nested to order
            continue
        inner = shape.item if shape.kind == "list" else shape
        if inner is not None and inner.kind == "model" and inner.model is not None:
            children[name] = key_order(inner.model)
    return {"fields": list(model.model_fields), "children": children}


def format_specs(kinds: Kinds) -> dict[str, Any]:
    """Per custom format: the key order of its model."""
    return {spec.format: {"order": key_order(spec.model)} for spec in collection_specs(kinds)}
