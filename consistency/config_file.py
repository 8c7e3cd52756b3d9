"""The closed pydantic models of a settings file (``consistency.yaml`` or
``[tool.consistency]``): a misspelt key is an error, never an ignored setting.

A module of its own so that a run with no settings file (most runs) does not
build these models: :func:`consistency.config.load_config` imports it only
when it has a file to validate.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

SeverityName = Literal["high", "medium", "low", "info", "none"]


class SeveritySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    contradicted: SeverityName | None = None
    omitted: SeverityName | None = None
    vague: SeverityName | None = None
    unsupported: SeverityName | None = None
    disclosed: SeverityName | None = None
    omitted_dangerous_data: SeverityName | None = None
    omitted_other_data: SeverityName | None = None
    omitted_sdk: SeverityName | None = None
    unknown: SeverityName | None = None
    # the review rubric's rules (consistency.rubric.RULES)
    policy_language: SeverityName | None = None
    on_device_only: SeverityName | None = None
    weak_evidence: SeverityName | None = None
    derived_from_ip: SeverityName | None = None
    advertising_id_unmentioned: SeverityName | None = None
    identity_sdk_unnamed: SeverityName | None = None
    by_reference: SeverityName | None = None
    storage_access: SeverityName | None = None
    unused_permission: SeverityName | None = None
    sdk_data_unnamed: SeverityName | None = None
    nothing_collected_contradicted: SeverityName | None = None
    denial_contradicted: SeverityName | None = None
    denial_weakly_contradicted: SeverityName | None = None
    # issue 16: the Data safety form's rules (consistency.datasafety.threeway.SEVERITY_RULES)
    datasafety_undeclared: SeverityName | None = None
    datasafety_undeclared_other: SeverityName | None = None
    datasafety_not_shared: SeverityName | None = None
    datasafety_undisclosed: SeverityName | None = None
    datasafety_undisclosed_denied: SeverityName | None = None
    datasafety_sharing_denied: SeverityName | None = None
    datasafety_unsupported: SeverityName | None = None


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fail_on: SeverityName | None = None
    severity: SeveritySettings = SeveritySettings()
    ignore_permissions: tuple[str, ...] = ()
    ignore_sdks: tuple[str, ...] = ()
    ignore_data_types: tuple[str, ...] = ()
    mappings: tuple[str, ...] = ()
