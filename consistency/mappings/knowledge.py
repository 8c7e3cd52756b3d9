"""The knowledge object every stage of the pipeline is handed: the validated
tables, their lookup indexes, the compiled SDK matcher, the compiled policy
lexicon, and the digest of the table files it was built from.

It is frozen and picklable. The two compiled forms are built on first use and
kept on the object itself (not in a module-level cache), so ``inspect`` never pays
for the lexicon and ``policy`` never pays for the SDK matcher, two objects built
from different ``--mappings`` layers never share anything, and a batch worker
that receives the object after :meth:`Mappings.compiled` was called receives
the compiled forms with it instead of rebuilding them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .schema import (
    DataCategorySpec,
    DataTypeSpec,
    DataTypesTable,
    PartiesTable,
    PermissionSpec,
    PermissionsTable,
    SdkCategorySpec,
    SdkSpec,
    SdksTable,
)
from .statements_schema import StatementsTable

if TYPE_CHECKING:
    from ..apk.sdk_match import CompiledSignatures
    from ..policy.extract.lexicon import Lexicon
    from ..policy.lists.cues import ListCues


@dataclass(frozen=True)
class Mappings:
    """All tables, validated, with lookup indexes. Picklable: workers receive it."""

    datatypes: DataTypesTable
    permissions: PermissionsTable
    sdks: SdksTable
    parties: PartiesTable
    statements: StatementsTable
    """The policy-reading cues (``statements.yaml``)."""
    digest: str
    directories: tuple[str, ...]
    _datatype_index: dict[str, DataTypeSpec] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
    _permission_index: dict[str, PermissionSpec] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
    _sdk_index: dict[str, SdkSpec] = field(default_factory=dict, repr=False, compare=False, hash=False)
    _category_index: dict[str, DataCategorySpec] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
    _sdk_category_index: dict[str, SdkCategorySpec] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
    _policy_forms_entry: str | None = field(default=None, repr=False, compare=False, hash=False)
    """Where the knowledge cache keeps this object's policy-side compiled forms
    (:attr:`lexicon`, :attr:`list_cues`), set when the object was read from it. They are
    read on first use, so ``inspect``, which reads no policy, neither unpickles them
    nor imports the modules that define them."""

    def __post_init__(self) -> None:
        self._datatype_index.update({d.id: d for d in self.datatypes.datatypes})
        self._permission_index.update({p.name: p for p in self.permissions.permissions})
        self._sdk_index.update({s.id: s for s in self.sdks.sdks})
        self._category_index.update({c.id: c for c in self.datatypes.categories})
        self._sdk_category_index.update({c.id: c for c in self.sdks.categories})

    def datatype(self, data_type_id: str) -> DataTypeSpec:
        return self._datatype_index[data_type_id]

    def permission(self, name: str) -> PermissionSpec | None:
        return self._permission_index.get(name)

    def sdk(self, sdk_id: str) -> SdkSpec:
        return self._sdk_index[sdk_id]

    def category(self, category_id: str) -> DataCategorySpec:
        """A Data safety category of ``datatypes.yaml`` by id (``location``)."""
        return self._category_index[category_id]

    def sdk_category(self, category_id: str) -> SdkCategorySpec | None:
        return self._sdk_category_index.get(category_id)

    def expand(self, ref: str) -> tuple[str, ...]:
        """The data type ids a reference stands for: a data type id is itself, a
        category id is every type of that category (as in ``broad_terms.covers``)."""
        if ref in self._datatype_index:
            return (ref,)
        return tuple(d.id for d in self.datatypes.datatypes if d.category == ref)

    @property
    def datatype_ids(self) -> tuple[str, ...]:
        return tuple(self._datatype_index)

    @cached_property
    def sdk_signatures(self) -> CompiledSignatures:
        """The SDK table compiled into lookups (built once per object)."""
        from ..apk.sdk_match import compile_signatures

        return compile_signatures(self.sdks)

    @cached_property
    def lexicon(self) -> Lexicon:
        """Every phrase of every table compiled into one trie (built once per object)."""
        stored = self._stored_policy_form("lexicon")
        if stored is not None:
            return stored
        from ..policy.extract.lexicon import compile_lexicon

        return compile_lexicon(self)

    @cached_property
    def list_cues(self) -> ListCues:
        """The words of third-party SDK lists and permission lists (``lists.yaml``),
        read once per object (issue 12)."""
        stored = self._stored_policy_form("list_cues")
        if stored is not None:
            return stored
        from ..policy.lists.cues import load_list_cues

        return load_list_cues(self)

    def _stored_policy_form(self, name: str) -> Any:
        """The compiled form ``name`` as the knowledge cache stored it with this object,
        or None (not read from the cache, or the entry is gone). Both forms come in one
        read, so the other one is kept too, as its cached property would keep it."""
        if self._policy_forms_entry is None:
            return None
        from .knowledge_cache import load_policy_forms

        forms = load_policy_forms(self._policy_forms_entry)
        if forms is None:
            return None
        for other, value in forms.items():
            vars(self).setdefault(other, value)
        return forms[name]

    def compiled(self) -> Mappings:
        """This object with both compiled forms built, before it is shipped to
        worker processes so that they do not each compile them again."""
        _ = self.sdk_signatures, self.lexicon, self.list_cues
        return self
