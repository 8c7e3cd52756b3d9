"""Read a privacy policy (file, bytes or stdin) into a normalised :class:`Document`.

The steps, each in its own module:

1. load the bytes, refusing what is too large before reading it
   (:class:`~consistency.policy.document.limits.PolicyLimits`);
2. PDF (by its signature) goes to :mod:`.pdf`; anything else is decoded
   (:mod:`.decode`) and repaired (:mod:`.repair`);
3. the format is decided from the content (:mod:`.sniff`), the file name
   being only a hint;
4. the format's reader finds the structure as blocks (:mod:`.plaintext`,
   :mod:`.markdown`, :mod:`.html`);
5. :mod:`.segment` normalises every unit once (:mod:`.normalize`) and lays out
   the text, sections and sentences with their offsets.

Every refusal is a :class:`~consistency.errors.PolicyReadError` naming the
source, with a one-line reason. Heavy libraries (lxml, ftfy,
charset-normalizer, pdfminer) are imported only when an input needs them, so
importing this module stays cheap.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from ...errors import PolicyReadError
from ...models import Document
from ...regular_file import read_regular
from .blocks import Block
from .limits import MIB, PolicyLimits
from .normalize import normalize_text, remove_invisible
from .sniff import Format, is_pdf, sniff_format

__all__ = ["PolicyLimits", "read_document"]

STDIN = "-"


def read_document(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    limits: PolicyLimits = PolicyLimits(),
) -> Document:
    """Read a policy: a path, ``"-"`` for standard input, or the raw bytes.

    ``name`` labels the source in the Document and in error messages (and its
    extension is a format hint when ``source`` is bytes)."""
    label = name or _label(source)
    try:
        data = _load(source, limits)
        return _read_bytes(data, label, _suffix(source, name), limits)
    except PolicyReadError as exc:
        if exc.path is None:
            raise PolicyReadError(exc.reason, label) from exc
        raise


def _label(source: str | Path | bytes) -> str:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    if isinstance(source, str) and source == STDIN:
        return "<stdin>"
    return str(source)


def _suffix(source: str | Path | bytes, name: str | None) -> str:
    if name:
        return Path(name).suffix
    if isinstance(source, (str, Path)) and source != STDIN:
        return Path(source).suffix
    return ""


def _load(source: str | Path | bytes, limits: PolicyLimits) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > limits.max_bytes:
            raise PolicyReadError(_too_large(len(data), limits))
        return data
    if isinstance(source, str) and source == STDIN:
        data = sys.stdin.buffer.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise PolicyReadError(_too_large(None, limits))
        return data
    path = Path(source)
    try:
        if path.is_dir():
            raise PolicyReadError("is a directory, not a policy file")
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise PolicyReadError(_too_large(size, limits))
        data = read_regular(path, limits.max_bytes)
    except FileNotFoundError as exc:
        raise PolicyReadError("file not found") from exc
    except PermissionError as exc:
        raise PolicyReadError("permission denied") from exc
    except OSError as exc:
        raise PolicyReadError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limits.max_bytes:
        raise PolicyReadError(_too_large(None, limits))
    return data


def _too_large(size: int | None, limits: PolicyLimits) -> str:
    limit = f"{limits.max_bytes / MIB:g} MB limit"
    if size is None:
        return f"too large (more than the {limit})"
    return f"too large ({size / MIB:.1f} MB > {limit})"


def _read_bytes(data: bytes, label: str, suffix: str, limits: PolicyLimits) -> Document:
    if not data:
        raise PolicyReadError("empty file")
    sha256 = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    fmt: Format
    if is_pdf(data):
        from .pdf import extract_pdf_text

        fmt, encoding = "pdf", "pdf"
        text, pdf_warnings = extract_pdf_text(data, limits)
        warnings.extend(pdf_warnings)
    else:
        from .charset import declared_charset
        from .decode import decode_bytes

        decoded = decode_bytes(data, declared=declared_charset(data[:4096]))
        text, encoding = decoded.text, decoded.encoding
        warnings.extend(decoded.warnings)
        if not text.strip():
            raise PolicyReadError("whitespace-only file")
        fmt = sniff_format(text, suffix)
    from .repair import repair_mojibake

    repaired = repair_mojibake(remove_invisible(text))
    warnings.extend(repaired.warnings)
    blocks = _blocks(repaired.text, fmt)
    from .segment import segment

    document_text, sentences = segment(blocks, limits, warnings)
    if not sentences:
        raise PolicyReadError("no readable text in HTML" if fmt == "html" else "no readable text")
    from .sourcemap import locate_sentences

    sentences = locate_sentences(text, fmt, document_text, sentences)
    return Document(
        source=label,
        sha256=sha256,
        format=fmt,
        encoding=encoding,
        text=document_text,
        sentences=sentences,
        warnings=tuple(warnings),
    )


def _blocks(text: str, fmt: Format) -> list[Block]:
    if fmt == "html":
        from .html import read_html_blocks

        return read_html_blocks(text)
    if fmt == "markdown":
        from .markdown import read_markdown_blocks

        return read_markdown_blocks(normalize_text(text))
    from .plaintext import read_text_blocks

    return read_text_blocks(normalize_text(text))
