"""Turn an App Bundle's protobuf manifest into the same lxml tree an APK's manifest gives.

A bundle module's ``manifest/AndroidManifest.xml`` is an aapt2 ``XmlNode``
message, not Android's binary XML. Rebuilding it as the element tree androguard
produces for an APK lets :func:`~consistency.apk.manifest.parse_manifest` read
both, so an ``.aab`` and the APK built from it give the same facts.

Attribute values are rendered the way androguard renders a compiled APK
manifest, from the compiled item when there is one: integers in decimal,
hexadecimal flags as ``0x%08x``, booleans as ``true``/``false``, references as
``@7F040001``; otherwise the source text aapt2 kept in ``value``.

The bytes are untrusted. The runtime's parser rejects truncated and malformed
input and nesting deeper than its recursion limit; a field of the wrong wire
type becomes an unknown field and so reads as absent; names that cannot be XML
names and characters XML cannot hold are refused or dropped here. Every failure
is an :class:`ApkReadError` naming the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import ApkReadError
from .proto_messages import AaptMessages, build_messages

_AXML_MAGIC = b"\x03\x00\x08\x00"
"""First bytes of Android's binary XML (an APK's manifest), which is not protobuf."""
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_NAME = re.compile(r"[A-Za-z_][\w.\-]*\Z")


@dataclass(frozen=True)
class StringResource:
    """One string resource of the default configuration (or of the first locale
    that has it, when the default has none)."""

    name: str
    value: str
    resource_id: int = 0
    """``0xPPTTEEEE`` as in a compiled reference (``@7F0E001B``), 0 when the table has no ids."""


def decode_proto_manifest(data: bytes, entry: str, path: Path, messages: AaptMessages | None = None):
    """The ``<manifest>`` element of a protobuf manifest, as an lxml element.
    Raises ApkReadError (one line, naming ``entry``) for anything else."""
    if data.startswith(_AXML_MAGIC):
        raise ApkReadError(f"{entry} is Android binary XML, not aapt2's protobuf format", path)
    messages = messages or build_messages()
    node = _parse(messages.XmlNode, data, entry, path)
    if not node.HasField("element"):
        raise ApkReadError(f"{entry} is not a protobuf manifest: no root element", path)
    try:
        root = _element(node.element)
    except (ValueError, TypeError, UnicodeError) as exc:
        raise ApkReadError(f"corrupt protobuf manifest {entry}: {_one_line(exc)}", path) from exc
    if etree.QName(root).localname != "manifest":
        raise ApkReadError(
            f"{entry} is not a manifest: the root element is <{etree.QName(root).localname}>", path
        )
    return root


def string_resources(
    data: bytes, entry: str, path: Path, messages: AaptMessages | None = None
) -> tuple[StringResource, ...]:
    """Every ``string`` resource of a bundle module's ``resources.pb``, the default
    configuration's value first. Raises ApkReadError for a damaged table."""
    messages = messages or build_messages()
    table = _parse(messages.ResourceTable, data, entry, path)
    found: list[StringResource] = []
    try:
        for package in table.package:
            for type_ in package.type:
                if _text(type_.name) != "string":
                    continue
                for res in type_.entry:
                    value = _default_string(res.config_value)
                    name = _text(res.name)
                    if name and value is not None:
                        resource_id = (
                            (package.package_id.id & 0xFF) << 24
                            | (type_.type_id.id & 0xFF) << 16
                            | (res.entry_id.id & 0xFFFF)
                        )
                        found.append(StringResource(name, value, resource_id))
    except (ValueError, UnicodeError) as exc:
        raise ApkReadError(f"corrupt resource table {entry}: {_one_line(exc)}", path) from exc
    return tuple(found)


def _parse(message_class: Any, data: bytes, entry: str, path: Path) -> Any:
    from google.protobuf.message import DecodeError

    try:
        return message_class.FromString(data)
    except (DecodeError, RuntimeError, ValueError, UnicodeError) as exc:  # RuntimeError: recursion limit
        raise ApkReadError(f"{entry} is not valid protobuf: {_one_line(exc)}", path) from exc


def _default_string(config_values: Any) -> str | None:
    """The string of the default configuration, else of the first configuration with one."""
    fallback = None
    for config_value in config_values:
        item = config_value.value.item
        raw = (
            item.str.value
            if item.HasField("str")
            else item.raw_str.value
            if item.HasField("raw_str")
            else None
        )
        if raw is None:
            continue
        text = _text(raw)
        if config_value.config.ByteSize() == 0:
            return text
        fallback = fallback if fallback is not None else text
    return fallback


def _element(element: Any) -> etree._Element:
    """Build the lxml element for ``element`` and its children, iteratively (the
    depth is already bounded by the protobuf parser, but a loop costs nothing)."""
    root = etree.Element(_tag(_text(element.namespace_uri), _text(element.name)))
    pending = [(root, element)]
    while pending:
        target, source = pending.pop()
        for attribute in source.attribute:
            target.set(
                _tag(_text(attribute.namespace_uri), _text(attribute.name)),
                _clean(_attribute_value(attribute)),
            )
        for child in source.child:
            if child.HasField("element"):
                sub = etree.SubElement(
                    target, _tag(_text(child.element.namespace_uri), _text(child.element.name))
                )
                pending.append((sub, child.element))
    return root


def _tag(namespace: str, name: str) -> str:
    if not _XML_NAME.match(name):
        raise ValueError(f"{name[:40]!r} is not an XML name")
    return f"{{{_clean(namespace)}}}{name}" if namespace else name


def _attribute_value(attribute: Any) -> str:
    """The value as androguard shows a compiled APK attribute (see the module docstring)."""
    if attribute.HasField("compiled_item"):
        item = attribute.compiled_item
        if item.HasField("ref") and item.ref.id:
            return f"@{item.ref.id:08X}"
        if item.HasField("prim"):
            prim = item.prim
            if prim.HasField("int_decimal_value"):
                return str(prim.int_decimal_value)
            if prim.HasField("int_hexadecimal_value"):
                return f"0x{prim.int_hexadecimal_value:08x}"
            if prim.HasField("boolean_value"):
                return "true" if prim.boolean_value else "false"
        if item.HasField("str"):
            return _text(item.str.value)
    return _text(attribute.value)


def _text(value: str | bytes) -> str:
    """A proto2 ``string`` field as text. The runtime hands back ``bytes`` when the
    field is not valid UTF-8 (proto2 does not check); such a field is damage, so
    its bad bytes become U+FFFD rather than an exception later on."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _clean(text: str) -> str:
    """Drop characters an XML tree cannot hold (NUL, most C0 controls, lone surrogates)."""
    return _NOT_XML_CHARS.sub("", text)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__
