"""A bounded HTTP(S) GET for policy pages: http/https only, size, time and redirect limits.

Built on the standard library's ``http.client`` so every bound is ours:

* only ``http`` and ``https`` URLs; each redirect target is checked again;
* every address is checked before connecting (:mod:`.addresses`), and the socket
  connects to that checked address while TLS still verifies the host name;
* a declared ``Content-Length`` over the limit is refused before reading, and the
  body is read in chunks that stop one byte past the limit;
* one deadline for the whole fetch (redirects included): each socket operation
  gets only the time that is left, so a server trickling bytes cannot hold us;
* ``Accept-Encoding: identity``; a compressed answer anyway is inflated within
  the same size limit (no decompression bomb).

Every refusal is a :class:`~consistency.errors.FetchError` with one line.
"""

from __future__ import annotations

import hashlib
import re
import time
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError

if TYPE_CHECKING:
    import http.client

# http.client, ssl, socket and the address checks are imported where a fetch
# happens: every ``check`` imports this module for FetchLimits, few fetch.

_CHUNK = 64 * 1024
_USER_AGENT = "consistency/0.1 (privacy-policy check)"
_ACCEPT = "text/html, text/plain, text/markdown, application/pdf;q=0.9, */*;q=0.1"


@dataclass(frozen=True)
class FetchLimits:
    """Bounds of one fetch. Picklable, so batch workers get the same ones."""

    max_bytes: int = 5 << 20
    """Body size (after any decompression). Real policy pages are well under 1 MiB."""
    timeout: float = 30.0
    """Seconds for the whole fetch, redirects included."""
    max_redirects: int = 5
    allow_private: bool = False
    """Allow loopback, private and link-local addresses (tests, intranet policies)."""


@dataclass(frozen=True)
class FetchedPage:
    """What a fetch returned, with the hash of the body as received."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where the body came from after redirects."""
    status: int
    content_type: str
    body: bytes
    sha256: str

    @property
    def suffix(self) -> str:
        """A file-name hint for the policy reader (it sniffs the content anyway)."""
        kind = self.content_type.split(";", 1)[0].strip().lower()
        return {"application/pdf": ".pdf", "text/plain": ".txt", "text/markdown": ".md"}.get(kind, ".html")


def is_url(text: str) -> bool:
    """True for text written as a URL (``scheme://...``): ``http``/``https`` are
    fetched, any other scheme is refused by :func:`fetch` with a clear message
    rather than looked for as a file."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.\-]*://", text) is not None


def fetch(url: str, limits: FetchLimits | None = None) -> FetchedPage:
    """GET ``url`` within ``limits``, following redirects. Raises FetchError."""
    limits = limits or FetchLimits()
    deadline = time.monotonic() + limits.timeout
    current = url
    for _ in range(limits.max_redirects + 1):
        status, headers, body = _get_once(current, url, limits, deadline)
        if status in (301, 302, 303, 307, 308):
            location = headers.get("location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location", url)
            current = urljoin(current, location.strip())
            continue
        if not 200 <= status < 300:
            raise FetchError(f"HTTP {status} from {current}", url)
        return FetchedPage(
            url=url,
            final_url=current,
            status=status,
            content_type=headers.get("content-type", ""),
            body=body,
            sha256=hashlib.sha256(body).hexdigest(),
        )
    raise FetchError(f"more than {limits.max_redirects} redirects", url)


def _get_once(current: str, url: str, limits: FetchLimits, deadline: float):
    import http.client
    import ssl

    from .addresses import resolve_allowed

    parts = urlsplit(current)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(
            f"only http and https URLs are fetched, not {scheme or 'a relative URL'}: {current}", url
        )
    try:
        host, port = parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"bad URL {current}: {exc}", url) from exc
    if not host:
        raise FetchError(f"no host in {current}", url)
    address = resolve_allowed(host, port, url, limits.allow_private)[0]
    connection = _connection(scheme, host, port, address, _remaining(deadline, url))
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    try:
        connection.request(
            "GET",
            target,
            headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "identity"},
        )
        response = connection.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        if response.status in (301, 302, 303, 307, 308):
            return response.status, headers, b""
        body = _read_body(response, headers, limits, deadline, connection, url)
        return response.status, headers, body
    except FetchError:
        raise
    except TimeoutError as exc:
        raise FetchError(f"no complete answer within {limits.timeout:g} s", url) from exc
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        raise FetchError(f"cannot fetch {current}: {type(exc).__name__}: {exc}", url) from exc
    finally:
        connection.close()


def _read_body(
    response, headers: dict[str, str], limits: FetchLimits, deadline: float, connection, url: str
) -> bytes:
    declared = headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"the page declares {declared} bytes, over the limit of {limits.max_bytes}", url)
    encoding = headers.get("content-encoding", "identity").strip().lower()
    inflater = None
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding not in ("", "identity"):
        raise FetchError(f"unsupported Content-Encoding {encoding}", url)
    parts: list[bytes] = []
    size = 0
    while True:
        if connection.sock is not None:
            connection.sock.settimeout(_remaining(deadline, url))
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, limits.max_bytes - size + 1)
            except zlib.error as exc:
                raise FetchError(f"damaged {encoding} body: {exc}", url) from exc
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"the page is over the limit of {limits.max_bytes} bytes", url)
        parts.append(chunk)
    return b"".join(parts)


def _connection(
    scheme: str, host: str, port: int, address: str, timeout: float
) -> http.client.HTTPConnection:
    """A connection to the checked ``address`` that still speaks to ``host`` (Host
    header, TLS server name and certificate check)."""
    import http.client
    import socket
    import ssl

    def connect_to_address(self) -> None:
        self.sock = socket.create_connection((address, self.port), self.timeout)
        if scheme == "https":
            self.sock = self._context.wrap_socket(self.sock, server_hostname=host)

    if scheme == "https":
        cls = type("_PinnedHTTPS", (http.client.HTTPSConnection,), {"connect": connect_to_address})
        return cls(host, port, timeout=timeout, context=ssl.create_default_context())
    cls = type("_PinnedHTTP", (http.client.HTTPConnection,), {"connect": connect_to_address})
    return cls(host, port, timeout=timeout)


def _remaining(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("no complete answer within the time limit", url)
    return left
