"""Policies built to make the readers hang or blow up: each ends in bounded time
and memory (checked in a child process, never by timing) with a result or a
one-line PolicyReadError."""

from __future__ import annotations

import pytest

from consistency.errors import PolicyReadError
from consistency.policy.document.html import cut_doctype_subset, cut_entity_declarations
from consistency.policy.document.read import read_document
from tests.helpers.bounded import run_bounded

MIB = 1 << 20


def _read_outcome(data: bytes, name: str) -> str:
    """What reading gives, as a string the parent can check: the sentence count, or the error."""
    try:
        return f"sentences={len(read_document(data, name=name).sentences)}"
    except PolicyReadError as exc:
        assert "\n" not in str(exc)
        return f"refused: {exc}"


@pytest.mark.parametrize(
    "unit",
    ["<!DOCTYPE [", "<!doctype x [", "<!ENTITY ", "<!entity a ", "<!DOCTYPE html [ <!ENTITY "],
)
def test_repeated_declaration_openers_read_in_bounded_time(unit):
    """1 MB of a declaration opener with no closer (quadratic with the old
    regular expressions: over 60 s) reads in bounded time."""
    page = ("<html><body><p>We collect your location.</p>" + unit * (MIB // len(unit))).encode()
    outcome = run_bounded(_read_outcome, page, "policy.html", seconds=60, memory_mb=2048)
    assert outcome.error is None, outcome.error
    assert outcome.value.startswith(("sentences=", "refused: "))


def test_doctype_subset_is_cut_once_and_only_when_closed():
    page = '<!DOCTYPE html [ <!ENTITY x "y"> ]>\n<p>A</p><!DOCTYPE z [ ]>'
    assert cut_doctype_subset(page) == "<!DOCTYPE html>\n<p>A</p><!DOCTYPE z [ ]>"
    assert cut_doctype_subset("<!DOCTYPE html><p>[x]></p>") == "<!DOCTYPE html><p>[x]></p>"
    assert cut_doctype_subset("<!DOCTYPE html [ never closed") == "<!DOCTYPE html [ never closed"


def test_entity_declarations_are_cut_up_to_their_first_close():
    assert cut_entity_declarations('a<!ENTITY x "1">b<!entity y SYSTEM "f">c') == "abc"
    assert cut_entity_declarations("a<!ENTITY x <!ENTITY y>b") == "ab"
    assert cut_entity_declarations('a<!ENTITY x "1">b<!ENTITY open') == "ab<!ENTITY open"


# ------------------------------------------------------------------------ PDF


def _flate_bomb(decoded: int) -> bytes:
    """A page whose content stream inflates to ``decoded`` bytes of spaces
    (about 1 KB compressed per MiB)."""
    import zlib

    from tests.helpers.pdf_builder import one_page_pdf

    # After a full flush deflate starts afresh, so every MiB compresses to the
    # same bytes: compress one and repeat it (the checksum is computed honestly).
    chunk = b" " * MIB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(decoded // MIB):
        checksum = zlib.adler32(chunk, checksum)
    packed = b"\x78\xda" + block * (decoded // MIB) + b"\x03\x00" + checksum.to_bytes(4, "big")
    return one_page_pdf(
        f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"
    )


def _read_pdf_outcome(data: bytes, limits) -> str:
    try:
        return f"sentences={len(read_document(data, name='policy.pdf', limits=limits).sentences)}"
    except PolicyReadError as exc:
        assert "\n" not in str(exc)
        return f"refused: {exc}"


def test_a_flate_bomb_is_refused_at_the_decoded_bytes_cap(tmp_path):
    """64 MiB of decoded content against an 8 MiB cap: refused at the cap,
    before the bomb is inflated."""
    from consistency.policy.document.limits import PolicyLimits

    outcome = run_bounded(
        _read_pdf_outcome, _flate_bomb(64 * MIB), PolicyLimits(max_pdf_decoded_bytes=8 * MIB), seconds=60
    )
    assert outcome.error is None, outcome.error
    assert outcome.value.startswith("refused: ") and "decompress to more than 8 MiB" in outcome.value


def test_a_flate_bomb_under_default_limits_ends_bounded():
    """1 GiB of decoded content from about 1 MB: the default cap refuses it with
    the reader's memory far below what inflating it would take."""
    from consistency.policy.document.limits import PolicyLimits

    data = _flate_bomb(1 << 30)
    assert len(data) < 2 * MIB
    outcome = run_bounded(_read_pdf_outcome, data, PolicyLimits(), seconds=120, memory_mb=1024)
    assert outcome.error is None, outcome.error
    assert "decompress to more than" in outcome.value


@pytest.mark.parametrize("case", ["xobject-fan-out", "millions-of-operators"])
def test_one_hostile_page_is_stopped_at_the_deadline(case):
    """Time was checked only between pages; one page ran past 60 s. Now the
    child reading the PDF is killed at the deadline (3 s here)."""
    from consistency.policy.document.limits import PolicyLimits
    from tests.helpers.pdf_builder import flate_stream, one_page_pdf, xobject_fanout_pdf

    if case == "xobject-fan-out":
        data = xobject_fanout_pdf(depth=10, fanout=10)
    else:
        data = one_page_pdf(flate_stream(b"BT /F1 9 Tf " + b"(a) Tj " * 5_000_000 + b"ET"))
    assert len(data) < 100_000
    outcome = run_bounded(_read_pdf_outcome, data, PolicyLimits(max_pdf_seconds=3), seconds=60)
    assert outcome.error is None, outcome.error
    assert outcome.value == "refused: policy.pdf: PDF text extraction took longer than 3 s (limit)"


def test_a_pdf_that_needs_more_memory_than_its_limit_is_refused():
    """The child's address space is capped: a page whose reading needs more is
    a one-line refusal, and this process is unharmed."""
    from consistency.policy.document.limits import PolicyLimits

    outcome = run_bounded(
        _read_pdf_outcome,
        _flate_bomb(400 * MIB),
        PolicyLimits(max_pdf_memory_mb=200, max_pdf_decoded_bytes=1 << 40),
        seconds=120,
    )
    assert outcome.error is None, outcome.error
    assert outcome.value.startswith("refused: ") and "MiB to read (limit)" in outcome.value


def _read_pdf_with_another_thread_running(data: bytes, limits) -> str:
    """With a second thread alive the reader starts a fresh interpreter instead
    of forking (a fork could copy a lock that thread holds)."""
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        return _read_pdf_outcome(data, limits)
    finally:
        stop.set()
        thread.join()


def test_the_bounds_hold_in_a_fresh_interpreter_too():
    from consistency.policy.document.limits import PolicyLimits

    outcome = run_bounded(
        _read_pdf_with_another_thread_running,
        _flate_bomb(64 * MIB),
        PolicyLimits(max_pdf_decoded_bytes=8 * MIB),
        seconds=60,
    )
    assert outcome.error is None, outcome.error
    assert "decompress to more than 8 MiB" in outcome.value
