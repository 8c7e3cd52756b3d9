"""A faster ``__init__`` for the frozen dataclasses a reading makes by the thousand.

Why: a frozen dataclass's generated ``__init__`` sets each field through
``object.__setattr__`` (the class's own ``__setattr__`` refuses), a call per
field. Matches and negation events are made some 10,000 times per 100 KB of
policy, and building them was several percent of a reading. The ``__init__``
made here has the same parameters and defaults and stores the fields straight
into the instance ``__dict__``, as ``object.__setattr__`` would; the instance is
the same (equality, hashing, ``repr``, ``dataclasses.replace``, pickling are the
dataclass's own), and still refuses assignment afterwards.

Only plain fields are supported (no ``default_factory``, ``init=False``,
keyword-only field or ``__post_init__``): anything else raises at class
definition, so a field added later cannot be silently skipped.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T", bound=type)


def direct_init(cls: T) -> T:
    """Replace a frozen dataclass's ``__init__`` (apply above ``@dataclass(frozen=True)``)."""
    if not dataclasses.is_dataclass(cls) or not cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: direct_init is for frozen dataclasses")
    params = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        raise TypeError(f"{cls.__name__}: direct_init does not support __post_init__ or __slots__")
    defaults: dict[str, object] = {}
    signature: list[str] = []
    body: list[str] = []
    for f in params:
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: direct_init supports plain fields only")
        if f.default is dataclasses.MISSING:
            signature.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            signature.append(f"{f.name}=_default_{f.name}")
        body.append(f"    __d[{f.name!r}] = {f.name}")
    source = f"def __init__(self, {', '.join(signature)}):\n    __d = self.__dict__\n" + "\n".join(body)
    namespace: dict[str, object] = dict(defaults)
    exec(source, namespace)  # noqa: S102 - the source is built from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]
    return cls
