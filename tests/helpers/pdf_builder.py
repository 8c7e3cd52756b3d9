"""Hand-assembled PDF files for the policy reader tests.

pdfminer.six reads PDFs but cannot write them, and the suite should not depend
on a PDF writer, so these builders write the few objects a valid PDF needs
(catalog, page tree, pages, a Helvetica font, content streams) and compute the
cross-reference offsets themselves. The result is a real PDF: pdfminer parses
it exactly as it parses a published one.
"""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_stream(lines: list[str], size: int = 11) -> bytes:
    """A content stream that shows ``lines`` (Latin-1 text) one under the other."""
    ops = [f"BT /F1 {size} Tf 72 740 Td {size + 3} TL"]
    for line in lines:
        ops.append(f"({_escape(line)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


IMAGE_ONLY_STREAM = b"q 0.2 0.4 0.6 rg 72 500 200 150 re f Q"
"""A page with a filled rectangle and no text: what a scanned page has in place of text."""


def build_pdf(pages: list[bytes], *, encrypt: bool = False) -> bytes:
    """A PDF with one page per content stream. ``encrypt`` adds a Standard security
    handler whose user password is not empty, so a reader needs a password."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, stream in enumerate(pages):
        page_id, content_id = 3 + 2 * i, 4 + 2 * i
        assert page_id + 1 == content_id
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    trailer_extra = ""
    if encrypt:
        encrypt_id = len(objects) + 1
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>"
        )
        trailer_extra = f" /Encrypt {encrypt_id} 0 R /ID [<{'01' * 16}> <{'01' * 16}>]"
    return assemble(objects, trailer_extra)


def assemble(objects: list[bytes], trailer_extra: str = "") -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def flate_stream(data: bytes, extra: str = "") -> bytes:
    """A stream object whose data is ``data`` compressed with FlateDecode."""
    import zlib

    packed = zlib.compress(data, 9)
    return (
        f"<< /Length {len(packed)} /Filter /FlateDecode{extra} >>\nstream\n".encode()
        + packed
        + b"\nendstream"
    )


def one_page_pdf(content: bytes, resources: str = "", extra_objects: list[bytes] = ()) -> bytes:
    """One page whose content stream object is ``content`` (a full stream
    object, e.g. from :func:`flate_stream`); ``extra_objects`` are numbered from 6."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            f"/Resources << /Font << /F1 5 0 R >> {resources} >> >>"
        ).encode(),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        *extra_objects,
    ]
    return assemble(objects)


def xobject_fanout_pdf(depth: int, fanout: int) -> bytes:
    """A page that draws form XObject 0, which draws XObject 1 ``fanout`` times,
    and so on ``depth`` levels down: ``fanout ** depth`` draws from a few KB."""
    forms = []
    for level in range(depth):
        number = 6 + level
        if level + 1 < depth:
            body = (f"/X{level + 1} Do\n" * fanout).encode()
            resources = (
                f"/Resources << /XObject << /X{level + 1} {number + 1} 0 R >> /Font << /F1 5 0 R >> >>"
            )
        else:
            body = b"BT /F1 9 Tf 72 700 Td (We collect your location.) Tj ET"
            resources = "/Resources << /Font << /F1 5 0 R >> >>"
        forms.append(
            f"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] {resources} /Length {len(body)} >>\nstream\n".encode()
            + body
            + b"\nendstream"
        )
    page = b"<< /Length 7 >>\nstream\n/X0 Do\n\nendstream"
    return one_page_pdf(page, resources="/XObject << /X0 6 0 R >>", extra_objects=forms)
