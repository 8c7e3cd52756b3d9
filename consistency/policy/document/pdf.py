"""Text of a PDF policy, through pdfminer.six, bounded in pages and time.

pdfminer is imported here, lazily, so reading text and HTML policies never
pays for it. Extraction runs page by page (the loop of pdfminer's own
``extract_text``) so the page bound refuses a book-sized PDF after reading
one page too many, and the time bound is checked between pages.

One page can still be hostile (a Form XObject fan-out, millions of text
operators, a flate bomb), and pdfminer never returns to our loop while it
reads it. So the whole extraction runs in a child process
(:mod:`.pdf_child`) with an address-space limit, a wall-clock deadline
enforced by killing it, and a cap on the bytes its stream filters may
decompress.

Bad PDFs end as one-line :class:`PolicyReadError`: encrypted with a password,
text extraction forbidden, no text layer at all (a scan), too many pages, too
slow, or malformed. pdfminer raises many unrelated exception types on
malformed input (its own fuzz harness has to match message text), so every
exception it raises while parsing is turned into "unreadable PDF".
"""

from __future__ import annotations

import io
import time

from ...errors import PolicyReadError
from .limits import PolicyLimits

PAGE_BREAK = "\f\n\n"
"""What ends every page in the extracted text: pdfminer's form feed, then our blank
line (so the last paragraph of a page never runs into the first of the next)."""


def extract_pdf_text(data: bytes, limits: PolicyLimits = PolicyLimits()) -> tuple[str, tuple[str, ...]]:
    """The text of every page (pages separated by a blank line), and warnings,
    read in a bounded child process (see the module docstring)."""
    if not limits.pdf_in_child:
        return extract_in_process(data, limits)
    from ...childproc import ChildDied, ChildTimeout, run_child
    from .pdf_child import handle

    try:
        kind, value = run_child(
            "consistency.policy.document.pdf_child",
            (data, limits),
            seconds=limits.max_pdf_seconds,
            handler=handle,
        )
    except ChildTimeout as exc:
        raise PolicyReadError(
            f"PDF text extraction took longer than {limits.max_pdf_seconds:g} s (limit)"
        ) from exc
    except ChildDied as exc:
        if exc.out_of_memory:
            raise PolicyReadError(
                f"PDF needs more than {limits.max_pdf_memory_mb} MiB to read (limit)"
            ) from exc
        raise PolicyReadError(f"unreadable PDF (the reader process died: {exc})") from exc
    if kind == "refused":
        raise PolicyReadError(value)
    return value


def extract_in_process(data: bytes, limits: PolicyLimits = PolicyLimits()) -> tuple[str, tuple[str, ...]]:
    """The extraction itself, in this process (the child's body)."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from .pdf_logs import pdfminer_warnings_collected

    deadline = time.monotonic() + limits.max_pdf_seconds
    output = io.StringIO()
    pages = 0
    warnings: list[str] = []
    # pdfminer's complaints are collected where pdfminer runs (this may be the
    # child process), so they reach the Document instead of stderr
    with pdfminer_warnings_collected(warnings):
        try:
            document = PDFDocument(PDFParser(io.BytesIO(data)))
            if not document.is_extractable:
                # Only a permission flag (the owner password's restrictions); like pdfminer, read anyway.
                warnings.append("PDF is marked as not allowing text extraction; text extracted anyway")
            manager = PDFResourceManager()
            device = TextConverter(manager, output, laparams=LAParams())
            interpreter = PDFPageInterpreter(manager, device)
            for page in PDFPage.create_pages(document):
                pages += 1
                if pages > limits.max_pdf_pages:
                    raise PolicyReadError(f"PDF has more than {limits.max_pdf_pages} pages (limit)")
                if time.monotonic() > deadline:
                    raise PolicyReadError(
                        f"PDF text extraction took longer than {limits.max_pdf_seconds:g} s (limit)"
                    )
                interpreter.process_page(page)  # ends the page's text with a form feed
                output.write(PAGE_BREAK[1:])
            device.close()
        except PolicyReadError:
            raise
        except PDFPasswordIncorrect as exc:
            raise PolicyReadError("encrypted PDF: a password is needed to read it") from exc
        except PDFEncryptionError as exc:
            raise PolicyReadError(f"encrypted PDF with unsupported encryption ({_first_line(exc)})") from exc
        except RecursionError as exc:
            raise PolicyReadError("unreadable PDF (structure nested too deeply)") from exc
        except MemoryError as exc:
            raise PolicyReadError(
                f"PDF needs more than {limits.max_pdf_memory_mb} MiB to read (limit)"
            ) from exc
        except Exception as exc:  # noqa: BLE001 - pdfminer's errors share no base class (see module docstring)
            raise PolicyReadError(f"unreadable PDF ({type(exc).__name__}: {_first_line(exc)})") from exc
    text = output.getvalue()
    if pages == 0:
        raise PolicyReadError("unreadable PDF (no pages)")
    if not text.strip():
        raise PolicyReadError("no text layer (scanned PDF?)")
    return text, tuple(warnings)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else "")[:120]
