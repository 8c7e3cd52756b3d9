"""Add the Data safety form's side to a check result (``check --data-safety``).

The one entry point the pipeline calls: read the form (before the slow work, so a
bad form fails at once), then compare it with the result's APK profile and policy
reading and return the result with :attr:`CheckResult.data_safety` set.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..config import CheckConfig
from ..mappings import Mappings
from ..models import CheckResult
from .csvread import read_form
from .model import DataSafetyForm
from .table import FormTable, load_form_table
from .threeway import check_form


def load_form(path: str | Path, mappings: Mappings) -> tuple[DataSafetyForm, FormTable]:
    """Read and validate a form with the tables it is read against. Raises InputError."""
    table = load_form_table(mappings)
    return read_form(path, table), table


def attach_form(
    result: CheckResult,
    form: DataSafetyForm,
    table: FormTable,
    mappings: Mappings,
    config: CheckConfig | None = None,
) -> CheckResult:
    """``result`` with the three-way findings of ``form``."""
    overrides = (config or CheckConfig()).severity_overrides()
    checked = check_form(result.profile, form, result.policy, table, mappings, overrides)
    return replace(result, data_safety=checked)
