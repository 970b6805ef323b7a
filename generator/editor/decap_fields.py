"""Decap CMS widgets generated from the content model: labels, help texts, required flags and checks come from the fields.

Which collection a reference field offers comes from the field's :class:`~generator.content.model.Refers` mark, and the
names of fixed choices from the kinds (generator/content/kinds.py), so nothing here lists kinds or reference fields.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.ids import id_pattern_with_limits
from generator.content.kinds import CORPUS_KINDS, Kinds, enum_names, refers_of
from generator.content.model import (
    CLOCK_PATTERN,
    ID_PATTERN,
    REF_PATTERN,
    Bilingual,
    Direction,
    Refers,
    TextReproduction,
    TranslationStatus,
)
from generator.editor.decap_shapes import Shape, field_shape
from generator.editor.decap_words import (
    DATE_HINT,
    ENTRY_NAME_HINT,
    ENTRY_NAME_LABEL,
    FIELD_HINTS,
    FIELD_LABELS,
    INNER_LIST_HINT,
    INNER_NAME,
    INNER_NAME_HINT,
    MESSAGES,
    PICKER_HINT,
    RELATION_HINT,
    plain,
)

Widget = dict[str, Any]

# Id fields that name something inside the same entry (a course's own objectives), not another entry.
LOCAL_IDS = frozenset({"objectives"})
# Texts that run to paragraphs get a text area instead of a one-line input.
LONG_TEXTS = frozenset({"summary", "background", "definition", "description", "detail", "text", "note", "conditions", "citation",
                        "instructor_notes", "activity", "task", "answer"})
# The form's words for choices no kind names (the kinds' own: Kind.choices).
ENUM_NAMES: dict[type[Enum], dict[Any, tuple[str, str]]] = {
    TranslationStatus: {TranslationStatus.draft: ("草稿", "draft"), TranslationStatus.reviewed: ("已审校", "reviewed")},
    TextReproduction: {TextReproduction.full: ("全文照录", "full text"), TextReproduction.summary: ("本站转述摘要", "our summary")},
    Direction: {Direction.higher: ("越高越好", "higher is better"), Direction.lower_: ("越低越好", "lower is better"),
                Direction.neutral: ("无方向", "neutral")},
}

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_PARENTHESES = re.compile(r"（[^（）]*）|\([^()]*\)")
_LABEL_END = re.compile(r"[，：；。]")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_ASCII_WORDS = re.compile(r"\s*[A-Za-z][A-Za-z#-]*\s*")
# The label of a reference field whose description has no Chinese words to make one from (else: the kind's name).
REF_LABEL = "出处（文件或条款）"


class UnmappedReferenceError(ValueError):
    """An id or reference field of the model does not say (with Refers) which kind of entry it names."""


def split_description(description: str | None) -> tuple[str, str]:
    """The Chinese and English halves of a model description (``zh / en``)."""
    zh, _, en = (description or "").partition(" / ")
    return zh.strip(), en.strip()


def label_from(zh: str, fallback: str) -> str:
    """A short Chinese label: the description up to its first clause, parentheses left out."""
    short = _LABEL_END.split(_PARENTHESES.sub("", zh), maxsplit=1)[0].strip()
    return short or fallback


def _option_label(member: Enum, names: dict[Any, tuple[str, str]]) -> str:
    """``越高越好（higher is better）``, ``讲授（Lecture）``: the choice's Chinese and English names, never its code."""
    if member not in names:
        return str(member.value)
    zh, en = names[member]
    return f"{zh}（{en}）"


class FormFields:
    """Makes the widgets of a model's fields; ``kinds``: what reference fields offer and what choices are called."""

    def __init__(self, kinds: Kinds) -> None:
        self.kinds = kinds
        self.enum_names = {**ENUM_NAMES, **enum_names(kinds)}

    def model_widgets(self, model: type[BaseModel], parent_optional: bool = False, omit: frozenset[str] = frozenset()) -> list[Widget]:
        """One widget per field of ``model``, in the model's order, leaving out ``omit``."""
        return [self.field_widget(name, info, parent_optional) for name, info in model.model_fields.items() if name not in omit]

    def field_widget(self, name: str, info: FieldInfo, parent_optional: bool = False) -> Widget:
        """The widget for one model field: label and hint from its description, required when the model requires it."""
        zh, en = split_description(info.description)
        shape = field_shape(info)
        label = FIELD_LABELS.get(name) or label_from(zh, name)  # "higher：越高越好；…" names no field: the word the site uses does
        hint = FIELD_HINTS.get(name) or plain(info.description or "")
        if name == "id":  # an id inside an entry (a course's objectives, sessions): a short name its other fields use
            label = label.replace(" id", INNER_NAME[0])
            what = label.removesuffix(INNER_NAME[0])
            example = "o1" if "o1" in zh else "she-shi"
            hint = INNER_NAME_HINT.format(what=what, en=en.split(" ", 1)[0].lower(), example=example)
        if shape.kind == "date" and name not in FIELD_HINTS:  # a date by example, as the form checks it
            hint = DATE_HINT.format(zh=zh.rstrip("。"), en=en.rstrip("."))
        widget: Widget = {"name": name, "label": label, "hint": hint, "required": info.is_required() and not parent_optional}
        widget.update(self._widget_for(name, shape, widget["required"], refers_of(info)))
        if widget.get("field", {}).get("label", "") is None:  # each item of a list is labelled as its list is (别名, not "aliases")
            widget["field"]["label"] = widget["label"]
        if widget["widget"] in ("relation", "compendium-ref"):
            # "相关指标 id", "document 或 document#clause": a list to choose from needs neither the id syntax nor English
            label = _ASCII_WORDS.sub("", widget["label"]).strip(" 或")
            if label.endswith("的"):  # "答案依据的 document#clause": the words for what is cited follow
                label += "条款"
            widget["label"] = label if _CHINESE.search(label) else REF_LABEL if widget["widget"] == "compendium-ref" else (
                self.kinds.by_plural(widget["collection"]).zh)
        if isinstance(info.default, Enum):
            widget["default"] = info.default.value
        elif isinstance(info.default, str):
            widget["default"] = info.default
        return widget

    def entry_widgets(self, model: type[BaseModel], zh: str, en: str, omit: frozenset[str] = frozenset()) -> list[Widget]:
        """The widgets of a whole entry of one kind (``zh``, ``en``: its name): its id is asked for as its web address's name."""
        widgets = self.model_widgets(model, omit=omit)
        for widget in widgets:
            if widget["name"] == "id":
                widget.update(label=ENTRY_NAME_LABEL, hint=ENTRY_NAME_HINT.format(zh=zh, en=en))
        return widgets

    def _widget_for(self, name: str, shape: Shape, required: bool, refers: Refers | None) -> Widget:
        if shape.kind == "list":
            return self._list_widget(name, shape, refers)
        if shape.kind == "model":
            assert shape.model is not None
            return self._object_widget(name, shape.model, optional=not required)
        if shape.pattern in (ID_PATTERN, REF_PATTERN) and name != "id":
            return self._relation(name, multiple=False, refers=refers)
        return self._scalar_widget(name, shape)

    def _object_widget(self, name: str, model: type[BaseModel], optional: bool) -> Widget:
        fields = self.model_widgets(model, parent_optional=optional)
        if model is Bilingual:
            # compact: the group's own hint says what the text is; the zh / en / en_status hints are the same
            # everywhere and are shown in the editing guide instead of under every group
            for field in fields:
                field.pop("hint")
                if field["name"] in ("zh", "en"):
                    field["widget"] = "text" if name in LONG_TEXTS else "string"
            return {"widget": "object", "collapsed": False, "summary": "{{fields.zh}}", "fields": fields}
        first = fields[0]["name"]
        summary = f"{{{{fields.{first}.zh}}}}" if fields[0]["widget"] == "object" else f"{{{{fields.{first}}}}}"
        return {"widget": "object", "collapsed": False, "summary": summary, "fields": fields}

    def _list_widget(self, name: str, shape: Shape, refers: Refers | None) -> Widget:
        item = shape.item
        assert item is not None
        widget: Widget = {"widget": "list"}
        if shape.min_length:
            widget["min"] = shape.min_length
        else:
            widget["default"] = []  # a new entry starts without an empty item the editor would have to delete
        if item.kind == "model":
            assert item.model is not None
            inner = self._object_widget(name, item.model, optional=False)
            widget.update({"fields": inner["fields"], "summary": inner["summary"], "collapsed": False})
            if shape.min_length:
                # Decap does not check an empty required list; one empty item makes it check that item's fields
                widget["default"] = [{}] * shape.min_length
            return widget
        if item.pattern == ID_PATTERN and name in LOCAL_IDS:
            # the objectives' short names, typed: the form cannot list the course's own objectives to choose from
            widget.update(label="本单元服务的目标", hint=INNER_LIST_HINT)
            widget["field"] = {"name": "item", "label": f"目标{INNER_NAME[0]}", "widget": "string",
                               "pattern": [ID_PATTERN, MESSAGES["id"]]}
            return widget
        if item.pattern in (ID_PATTERN, REF_PATTERN):
            relation = self._relation(name, multiple=True, refers=refers)
            if shape.min_length:
                relation["min"] = shape.min_length
            return relation
        widget["field"] = {"name": "item", "label": None, **self._scalar_widget(name, item)}
        return widget

    def _relation(self, name: str, multiple: bool, refers: Refers | None) -> Widget:
        if refers is None or refers.kind not in self.kinds:
            raise UnmappedReferenceError(f"field {name!r} holds ids but its model does not say which kind (Refers)")
        collection = self.kinds[refers.kind].plural
        if refers.anchors:
            # documents, clauses and facts, each by its readable citation and words, searched by a phrase of them
            # (compendium-refs.js, from checks.json); a course's clauses are clauses only
            widget: Widget = {"widget": "compendium-ref", "collection": collection, "multiple": multiple, "hint": PICKER_HINT}
            if name == "clauses":
                widget["kinds"] = ["clause"]
            return widget
        # each choice by its Chinese name alone (names are unique: an alias leads to one page); its id is searched, never shown
        kind = self.kinds[refers.kind]
        return {"widget": "relation", "collection": collection, "multiple": multiple, "options_length": 200,
                "value_field": "id", "search_fields": ["name.zh", "name.en", "id"], "display_fields": ["name.zh"],
                "hint": RELATION_HINT.format(zh=kind.zh, en=f"{kind.en}s")}

    def _scalar_widget(self, name: str, shape: Shape) -> Widget:
        if shape.kind == "enum":
            assert shape.enum is not None
            names = self.enum_names.get(shape.enum, {})
            options = [{"label": _option_label(m, names), "value": m.value} for m in shape.enum]
            return {"widget": "select", "options": options}
        if shape.kind == "int":
            widget: Widget = {"widget": "number", "value_type": "int", "step": 1}
            if shape.ge is not None:
                widget["min"] = shape.ge
            if shape.le is not None:
                widget["max"] = shape.le
            return widget
        if shape.kind == "number":
            return {"widget": "number", "value_type": "float"}
        if shape.kind == "date":
            return {"widget": "string", "pattern": [DATE_PATTERN, MESSAGES["date"]]}
        widget = {"widget": "text" if name in LONG_TEXTS else "string"}
        if name == "id":  # an id is also a file name: the form checks its length and Windows device names too
            widget["pattern"] = [id_pattern_with_limits() if shape.pattern in (None, ID_PATTERN) else shape.pattern, MESSAGES["id"]]
        elif shape.pattern == CLOCK_PATTERN:
            widget["pattern"] = [CLOCK_PATTERN, MESSAGES["clock"]]
        elif shape.min_length and shape.min_length > 1:
            widget["pattern"] = [f"^[\\s\\S]{{{shape.min_length},}}$", MESSAGES["min_length"].format(n=shape.min_length)]
        else:
            widget["pattern"] = ["\\S", MESSAGES["blank"]]
        return widget


def model_widgets(model: type[BaseModel], parent_optional: bool = False, omit: frozenset[str] = frozenset(),
                  kinds: Kinds = CORPUS_KINDS) -> list[Widget]:
    """One widget per field of ``model`` (see :class:`FormFields`)."""
    return FormFields(kinds).model_widgets(model, parent_optional, omit)
