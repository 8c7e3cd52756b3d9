"""The frozen data of the Data safety side: form rows, declared types, drafts, findings.

Like :mod:`consistency.models`, only tuples, frozensets, strings and numbers, so
results stay hashable and picklable (batch workers ship them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import DataSource, Evidence, Severity

FormFindingKind = Literal["undeclared", "not_shared", "undisclosed", "sharing_denied", "unsupported"]
FORM_FINDING_KINDS: tuple[FormFindingKind, ...] = (
    "undeclared",
    "not_shared",
    "undisclosed",
    "sharing_denied",
    "unsupported",
)
"""Worst first: the order reports use."""


@dataclass(frozen=True)
class FormRow:
    """One row of a Data safety CSV, as read or as written."""

    line: int
    """1-based row number in the file (the header is row 1); 0 for rows not yet written."""
    question: str
    response: str
    value: str
    requirement: str
    label: str


@dataclass(frozen=True)
class DeclaredType:
    """What a form says about one Play data type it ticks."""

    response: str
    """Play's id of the type (``PSL_PRECISE_LOCATION``)."""
    datatype: str
    """Our data type id (``location.precise``)."""
    label: str
    line: int
    """The row that ticks the type."""
    collected: bool
    shared: bool
    shared_line: int | None = None
    """The row that answers "shared" (ticked or not); None when the form has none."""
    ephemeral: bool | None = None
    required: bool | None = None
    collection_purposes: tuple[str, ...] = ()
    sharing_purposes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DataSafetyForm:
    """A form read from Play Console's CSV."""

    source: str
    encoding: str
    """How the bytes were decoded: ``utf-8``, ``utf-8-sig`` or ``utf-16``."""
    delimiter: str
    rows: tuple[FormRow, ...]
    declared: tuple[DeclaredType, ...]
    collects_data: bool | None
    """The form's first question: does the app collect or share any user data?"""

    def declared_type(self, datatype: str) -> DeclaredType | None:
        return next((d for d in self.declared if d.datatype == datatype), None)


# ------------------------------------------------------------------ the draft

Confidence = Literal["sdk", "permission"]


@dataclass(frozen=True)
class SdkPractice:
    """One bundled SDK's part in a drafted type."""

    sdk_id: str
    name: str
    vendor: str
    category: str
    shared: bool
    purposes: tuple[str, ...]
    source: str
    """The vendor's Data safety page, or ``category:<id>`` when only the SDK's category decided."""


@dataclass(frozen=True)
class DraftType:
    """The draft's answer for one Play data type."""

    response: str
    datatype: str
    label: str
    collected: bool
    shared: bool
    purposes: tuple[str, ...]
    """Typical collection purposes (our purpose ids), from SDK guidance and categories."""
    sharing_purposes: tuple[str, ...]
    basis: Confidence
    """``sdk`` when a bundled SDK sends it off the device; ``permission`` when only a
    permission gives access (collected only if it leaves the device: a question)."""
    permissions: tuple[DataSource, ...]
    sdks: tuple[SdkPractice, ...]
    policy: tuple[Evidence, ...] = ()
    """Policy sentences that name the type, when a policy was given."""


@dataclass(frozen=True)
class DraftQuestion:
    """Something the APK cannot tell: asked of the developer, not guessed."""

    id: str
    text: str
    about: str = ""
    """A data type id or SDK id the question is about, when it is about one."""


@dataclass(frozen=True)
class Draft:
    """A drafted Data safety form for one app."""

    package: str
    version_name: str | None
    types: tuple[DraftType, ...]
    questions: tuple[DraftQuestion, ...]
    policy_source: str | None = None


# ----------------------------------------------------------- the three-way check


@dataclass(frozen=True)
class FormEvidence:
    """A row of the form shown for a finding."""

    line: int
    question: str
    response: str
    value: str


@dataclass(frozen=True)
class FormFinding:
    """A disagreement between the Data safety form and the APK, the policy, or both.

    Names all three sides: what the APK shows (``sources``), what the form says
    (``form``, rows with their numbers), what the policy says (``policy``)."""

    kind: FormFindingKind
    severity: Severity
    datatype: str
    name: str
    """The Play type's label (``Location / Precise location``)."""
    message: str
    sources: tuple[DataSource, ...]
    form: tuple[FormEvidence, ...]
    policy: tuple[Evidence, ...]
    policy_status: str
    """The policy's position on the type (``collected``, ``shared``, ``denied``, ``vague``, ``not_mentioned``)."""
    fingerprint: str = ""


@dataclass(frozen=True)
class DataSafetyCheck:
    """The form's side of a check result."""

    source: str
    findings: tuple[FormFinding, ...]
    declared: tuple[str, ...]
    """Data type ids the form declares."""
    suppressed: tuple[FormFinding, ...] = ()
    """Findings accepted by a baseline (see :mod:`consistency.datasafety.baseline`)."""
