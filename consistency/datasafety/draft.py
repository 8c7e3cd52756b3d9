"""Draft the Data safety form from what the APK shows (and, optionally, the policy).

For every data type the app can reach (``AppProfile.data``) the draft ticks its
Play type, says whether it is *shared* (a bundled SDK whose vendor, or whose
category, sends it to a party using it for its own purposes) and which purposes
are typical, and keeps the evidence: permissions, SDKs with the vendor page their
answer rests on, and policy sentences. What static analysis cannot know is
turned into questions for the developer instead of answers (``datasafety.yaml``,
``developer_questions``): user-typed data, on-device use, ephemeral processing,
required or optional, encryption in transit, deletion, accounts.
"""

from __future__ import annotations

from ..mappings import Mappings
from ..models import AppProfile, DataSource, PolicyReading, ReachableData, SdkHit
from .evidence import policy_evidence
from .model import Draft, DraftQuestion, DraftType, FormRow, SdkPractice
from .table import FormTable

COLLECTED_STATUSES = frozenset({"collected", "shared"})


def draft_form(
    profile: AppProfile,
    table: FormTable,
    mappings: Mappings,
    reading: PolicyReading | None = None,
) -> Draft:
    """The draft for one app. ``reading`` adds policy evidence and the questions it raises."""
    sdks = {hit.sdk_id: hit for hit in profile.sdks}
    order = {t.datatype: i for i, t in enumerate(table.types)}
    types: list[DraftType] = []
    questions: list[DraftQuestion] = [DraftQuestion(qid, text) for qid, text in table.developer_questions]
    unmapped = dict(table.unmapped)
    for reach in profile.data:
        form_type = table.type_for_datatype(reach.data_type)
        if form_type is None:
            text = unmapped.get(
                reach.data_type, "The form has no type for this data: say how you declare it."
            )
            name = mappings.datatype(reach.data_type).label
            questions.append(DraftQuestion("unmapped", f"{name}: {text}", reach.data_type))
            continue
        drafted = _draft_type(reach, form_type.response, form_type.label, sdks, table, reading)
        types.append(drafted)
        if drafted.basis == "permission":
            questions.append(
                DraftQuestion(
                    "on_device_only",
                    f"{form_type.label}: only a permission reaches it "
                    f"({', '.join(s.id.removeprefix('android.permission.') for s in drafted.permissions)}); "
                    "keep it ticked only if it leaves the device, and say why it is collected.",
                    reach.data_type,
                )
            )
    for practice in {p.sdk_id: p for t in types for p in t.sdks if p.source.startswith("category:")}.values():
        questions.append(
            DraftQuestion(
                "sdk_category_only",
                f"{practice.name} ({practice.vendor}): no Data safety guidance from its vendor is on file; "
                f"the answers for it follow its category ({practice.category}). Check the vendor's documentation.",
                practice.sdk_id,
            )
        )
    if reading is not None:
        drafted_ids = {t.datatype for t in types}
        for disclosure in reading.data:
            form_type = table.type_for_datatype(disclosure.data_type)
            if form_type is None or disclosure.data_type in drafted_ids:
                continue
            if disclosure.status in COLLECTED_STATUSES and disclosure.exact:
                questions.append(
                    DraftQuestion(
                        "policy_only",
                        f"{form_type.label}: the policy says the app collects it, and the APK shows no way to "
                        "reach it; tick it if users type it in or your servers collect it.",
                        disclosure.data_type,
                    )
                )
    types.sort(key=lambda t: order[t.datatype])
    return Draft(
        package=profile.facts.package,
        version_name=profile.facts.version_name,
        types=tuple(types),
        questions=tuple(questions),
        policy_source=reading.document.source if reading is not None else None,
    )


def _draft_type(
    reach: ReachableData,
    response: str,
    label: str,
    sdks: dict[str, SdkHit],
    table: FormTable,
    reading: PolicyReading | None,
) -> DraftType:
    permissions = tuple(s for s in reach.sources if s.kind == "permission")
    practices = tuple(_practice(s, sdks, table, reach.data_type) for s in reach.sources if s.kind == "sdk")
    purpose_order = [pid for pid, _, _ in table.purposes]
    purposes = {p for practice in practices for p in practice.purposes}
    sharing = {p for practice in practices if practice.shared for p in practice.purposes}
    return DraftType(
        response=response,
        datatype=reach.data_type,
        label=label,
        collected=True,
        shared=any(p.shared for p in practices),
        purposes=tuple(p for p in purpose_order if p in purposes),
        sharing_purposes=tuple(p for p in purpose_order if p in sharing),
        basis="sdk" if practices else "permission",
        permissions=permissions,
        sdks=practices,
        policy=policy_evidence(reading, reach.data_type),
    )


def _practice(source: DataSource, sdks: dict[str, SdkHit], table: FormTable, datatype: str) -> SdkPractice:
    hit = sdks.get(source.id)
    category = hit.category if hit else ""
    practice = table.practice(source.id, category, datatype)
    return SdkPractice(
        sdk_id=source.id,
        name=hit.name if hit else source.id,
        vendor=hit.vendor if hit else "",
        category=category,
        shared=practice.shared,
        purposes=practice.purposes,
        source=practice.source,
    )


def draft_rows(draft: Draft, table: FormTable) -> tuple[FormRow, ...]:
    """The draft as Play's whole template, in export order.

    A choice the draft makes is ``TRUE``; everything else is left blank (not
    ``FALSE``): a blank is "not answered", which is what a question for the
    developer is. Usage rows are filled only for the drafted types."""
    drafted = {t.response: t for t in draft.types}
    rows = []
    for row in table.rows:
        value = ""
        if row.role == "collects_data" and drafted:
            value = "TRUE"
        elif row.role == "type" and row.response in drafted:
            value = "TRUE"
        elif row.type_response in drafted:
            value = _usage_value(drafted[row.type_response], row.role, row.purpose)
        rows.append(FormRow(0, row.question, row.response, value, row.requirement, row.label))
    return tuple(rows)


def _usage_value(drafted: DraftType, role: str | None, purpose: str | None) -> str:
    if role == "collected":
        return "TRUE"
    if role == "shared":
        return "TRUE" if drafted.shared else ""
    if role == "collection":
        return "TRUE" if purpose in drafted.purposes else ""
    if role == "sharing":
        return "TRUE" if purpose in drafted.sharing_purposes else ""
    return ""
