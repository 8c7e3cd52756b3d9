"""The few aapt2 protobuf messages an App Bundle needs, declared here, built with the ``protobuf`` runtime.

An App Bundle keeps its manifest and resource table in aapt2's *proto format*
(the message definitions are public in AOSP's ``Resources.proto`` and
``Configuration.proto``). We do not vendor those files or generated code: the
handful of messages and fields we read are declared below as a table, turned
into a ``FileDescriptorProto`` and compiled by the runtime's message factory.

Why a subset is safe: protobuf parsers keep fields they do not know as unknown
fields, so a manifest written by a newer aapt2 (more fields, more messages)
parses the same. Field numbers and wire types are those of the public format;
an enum is declared as ``uint32`` (same wire type, varint) so an enum value we
have not listed never fails a parse.

The classes are built per call (a fresh descriptor pool, about a millisecond)
and nothing is cached at module level: workers and tests share no state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_PACKAGE = "consistency.aapt"

_SCALARS = {"string": 9, "uint32": 13, "int32": 5, "bool": 8, "float": 2, "bytes": 12}
"""``FieldDescriptorProto.Type`` numbers of the scalar types used below."""
_TYPE_MESSAGE = 11
_LABEL_OPTIONAL, _LABEL_REPEATED = 1, 3

# message -> (field name, number, type, repeated)
_SCHEMA: dict[str, tuple[tuple[str, int, str, bool], ...]] = {
    # --- XML (Resources.proto: XmlNode and friends)
    "XmlNode": (("element", 1, "XmlElement", False), ("text", 2, "string", False)),
    "XmlElement": (
        ("namespace_declaration", 1, "XmlNamespace", True),
        ("namespace_uri", 2, "string", False),
        ("name", 3, "string", False),
        ("attribute", 4, "XmlAttribute", True),
        ("child", 5, "XmlNode", True),
    ),
    "XmlNamespace": (("prefix", 1, "string", False), ("uri", 2, "string", False)),
    "XmlAttribute": (
        ("namespace_uri", 1, "string", False),
        ("name", 2, "string", False),
        ("value", 3, "string", False),
        ("resource_id", 5, "uint32", False),
        ("compiled_item", 6, "Item", False),
    ),
    # --- values (Resources.proto: Item, Reference, String, RawString, Primitive)
    "Item": (
        ("ref", 1, "Reference", False),
        ("str", 2, "String", False),
        ("raw_str", 3, "RawString", False),
        ("prim", 7, "Primitive", False),
    ),
    "Reference": (("type", 1, "uint32", False), ("id", 2, "uint32", False), ("name", 3, "string", False)),
    "String": (("value", 1, "string", False),),
    "RawString": (("value", 1, "string", False),),
    "Primitive": (
        ("float_value", 3, "float", False),
        ("int_decimal_value", 6, "int32", False),
        ("int_hexadecimal_value", 7, "uint32", False),
        ("boolean_value", 8, "bool", False),
        ("color_argb8_value", 9, "uint32", False),
        ("color_rgb8_value", 10, "uint32", False),
        ("color_argb4_value", 11, "uint32", False),
        ("color_rgb4_value", 12, "uint32", False),
        ("dimension_value", 13, "uint32", False),
        ("fraction_value", 14, "uint32", False),
    ),
    # --- the resource table (Resources.proto: ResourceTable > Package > Type > Entry > ConfigValue)
    "ResourceTable": (("package", 2, "Package", True),),
    "Package": (
        ("package_id", 1, "PackageId", False),
        ("package_name", 2, "string", False),
        ("type", 3, "Type", True),
    ),
    "PackageId": (("id", 1, "uint32", False),),
    "Type": (("type_id", 1, "TypeId", False), ("name", 2, "string", False), ("entry", 3, "Entry", True)),
    "TypeId": (("id", 1, "uint32", False),),
    "Entry": (
        ("entry_id", 1, "EntryId", False),
        ("name", 2, "string", False),
        ("config_value", 6, "ConfigValue", True),
    ),
    "EntryId": (("id", 1, "uint32", False),),
    "ConfigValue": (("config", 1, "Configuration", False), ("value", 2, "Value", False)),
    "Configuration": (("locale", 3, "string", False),),
    "Value": (("item", 4, "Item", False),),
}


@dataclass(frozen=True)
class AaptMessages:
    """The compiled message classes, by name (``messages.XmlNode.FromString(data)``)."""

    XmlNode: Any
    ResourceTable: Any


def build_messages() -> AaptMessages:
    """Compile :data:`_SCHEMA` into message classes with the protobuf runtime."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    proto = descriptor_pb2.FileDescriptorProto(
        name="consistency_aapt_subset.proto", package=_PACKAGE, syntax="proto2"
    )
    for message_name, fields in _SCHEMA.items():
        message = proto.message_type.add(name=message_name)
        for field_name, number, type_name, repeated in fields:
            field = message.field.add(
                name=field_name,
                number=number,
                label=_LABEL_REPEATED if repeated else _LABEL_OPTIONAL,
            )
            if type_name in _SCALARS:
                field.type = _SCALARS[type_name]  # type: ignore[assignment]
            else:
                field.type = _TYPE_MESSAGE  # type: ignore[assignment]
                field.type_name = f".{_PACKAGE}.{type_name}"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)

    def message_class(name: str) -> Any:
        return message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{_PACKAGE}.{name}"))

    return AaptMessages(XmlNode=message_class("XmlNode"), ResourceTable=message_class("ResourceTable"))
