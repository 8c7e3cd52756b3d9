"""The words of the structured lists policies carry (``mappings/lists.yaml``):
titles of a third-party SDK list or a permission list, and the labels of their
columns or fields ("SDK名称", "使用目的", "Purpose of use").

The table is validated with closed pydantic models like the other tables, and
loaded from the same directories (the built-in tables, then ``--mappings``
directories in order: a ``lists.yaml`` there replaces the built-in one), so
what a list looks like is data, not Python. It is read per call: the file is a
few kilobytes and no module-level cache may hold it (workers and tests see
exactly the tables they were given).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ...errors import MappingError
from ...mappings.schema import TABLES_SCHEMA_VERSION, Phrases
from ...mappings.statements_schema import CueSpec
from ..extract.hanzi import fold_chinese

if TYPE_CHECKING:
    from ...mappings import Mappings

LIST_FILE = "lists.yaml"

SdkField = Literal["name", "company", "purpose", "data", "permissions", "link"]
PermissionField = Literal["name", "purpose", "scenario"]


class _Closed(BaseModel):
    # defer_build: a model's validator is built when it first validates, not at import;
    # a run served by the knowledge cache only unpickles instances and never validates
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class FieldSpec(CueSpec):
    """The words of one field (column header or label) of a list."""

    field: str
    whole_label: Phrases = Phrases()
    """Short generic words ("SDK", "权限", "目的", "Purpose") that are this field only as
    the whole label: inside a longer label ("相机权限", "高德SDK") they are part of a name."""


class ListSpec(_Closed):
    titles: CueSpec
    """Headings or lead lines that open the list."""
    fields: tuple[FieldSpec, ...]


class ListsTable(_Closed):
    schema_version: int = TABLES_SCHEMA_VERSION
    max_label_chars: int = 20
    sdk_list: ListSpec
    permission_list: ListSpec


@dataclass(frozen=True)
class FieldClassifier:
    """Classifies a label (column header, text before a colon) as one field of a list."""

    phrases: tuple[tuple[str, str], ...]
    """(lower-cased phrase, field), longest phrase first."""
    whole: dict[str, str]
    """Whole labels (lower-cased) -> field."""
    titles: tuple[str, ...]
    max_label_chars: int

    @classmethod
    def build(cls, spec: ListSpec, max_label_chars: int) -> FieldClassifier:
        pairs = {(_label_text(p), f.field) for f in spec.fields for p in f.phrases.all()}
        ordered = tuple(sorted(pairs, key=lambda pf: (-len(pf[0]), pf)))
        titles = tuple(
            sorted({_label_text(p) for p in spec.titles.phrases.all()}, key=lambda p: (-len(p), p))
        )
        whole = {_label_text(p): f.field for f in spec.fields for p in f.whole_label.all()}
        return cls(ordered, whole, titles, max_label_chars)

    def match(self, label: str) -> tuple[str, str] | None:
        """(field, phrase) for a short label, by the longest field phrase it contains."""
        text = _label_text(label)
        if not text or len(text) > self.max_label_chars:
            return None
        if text in self.whole:
            return self.whole[text], text
        for phrase, name in self.phrases:
            if phrase in text:
                return name, phrase
        return None

    def field_of(self, label: str) -> str | None:
        """The field a short label names (see ``match``)."""
        found = self.match(label)
        return found[0] if found else None

    def is_title(self, text: str) -> bool:
        """Whether a heading or lead line opens such a list."""
        folded = _label_text(text)
        return any(title in folded for title in self.titles)


def _label_text(label: str) -> str:
    folded = fold_chinese(label.replace("\u3000", " "))
    return " ".join(folded.split()).strip(" :：*#").lower()


class ReadingClassifier:
    """A :class:`FieldClassifier` for one reading, remembering what each label it
    was asked about names. Why: the list readers ask about the same few labels
    over and over (each line's label for the SDK list and again for the permission
    list, every suffix of the words before each colon, each classification for
    both kinds of list), a real policy two to four times per distinct label. The
    memo lives as long as the reading (the knowledge object holds only the
    compiled classifier, never what one policy said)."""

    def __init__(self, classifier: FieldClassifier) -> None:
        self.classifier = classifier
        self.max_label_chars = classifier.max_label_chars
        self._matches: dict[str, tuple[str, str] | None] = {}
        self._titles: dict[str, bool] = {}

    def match(self, label: str) -> tuple[str, str] | None:
        """As :meth:`FieldClassifier.match`."""
        try:
            return self._matches[label]
        except KeyError:
            found = self._matches[label] = self.classifier.match(label)
            return found

    def field_of(self, label: str) -> str | None:
        """As :meth:`FieldClassifier.field_of`."""
        found = self.match(label)
        return found[0] if found else None

    def is_title(self, text: str) -> bool:
        """As :meth:`FieldClassifier.is_title`."""
        try:
            return self._titles[text]
        except KeyError:
            found = self._titles[text] = self.classifier.is_title(text)
            return found


Classifier = FieldClassifier | ReadingClassifier


@dataclass(frozen=True)
class ListCues:
    """The classifiers of both kinds of list."""

    sdk: Classifier
    permission: Classifier

    def for_reading(self) -> ListCues:
        """The same classifiers, remembering their answers for one reading."""
        return ListCues(ReadingClassifier(_compiled(self.sdk)), ReadingClassifier(_compiled(self.permission)))


def _compiled(classifier: Classifier) -> FieldClassifier:
    return classifier.classifier if isinstance(classifier, ReadingClassifier) else classifier


def load_list_cues(mappings: Mappings) -> ListCues:
    """The list words of these tables: the last ``lists.yaml`` among the built-in
    directory and ``mappings.directories``. Raises MappingError when it is invalid."""
    from ...mappings import builtin_mappings_dir

    path = builtin_mappings_dir() / LIST_FILE
    for directory in mappings.directories:
        candidate = Path(directory) / LIST_FILE
        if candidate.is_file():
            path = candidate
    table = read_lists_table(path)
    return ListCues(
        FieldClassifier.build(table.sdk_list, table.max_label_chars),
        FieldClassifier.build(table.permission_list, table.max_label_chars),
    )


def read_lists_table(path: Path) -> ListsTable:
    """Parse and validate one ``lists.yaml``."""
    import yaml  # here, not at the top: the knowledge cache unpickles ListCues without reading YAML

    try:
        raw = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return ListsTable.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise MappingError(f"cannot read: {exc}", path) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise MappingError(f"{where}: {first['msg']}", path) from exc
