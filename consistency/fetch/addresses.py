"""Decide whether an address may be fetched: public addresses only, unless allowed.

A policy URL comes from an app or a catalog, both untrusted. Without this check
a scan could be made to request ``http://127.0.0.1:...`` or a cloud metadata
address (``169.254.169.254``) from inside the scanning network. Every address a
host name resolves to is checked, and the connection is then made to a checked
address (not to the name again), so a second DNS answer cannot swap in a
private one.
"""

from __future__ import annotations

import ipaddress
import socket

from ..errors import FetchError


def address_kind(address: str) -> str | None:
    """Why ``address`` is not public (``loopback``, ``private``, ``link-local``,
    ...), or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
    ):
        if flag:
            return kind
    return None


def resolve_allowed(host: str, port: int, url: str, allow_private: bool) -> list[str]:
    """The addresses of ``host`` to connect to. Raises FetchError when the name
    does not resolve, or when any address is not public and private addresses
    are not allowed (one bad answer is enough to refuse: the resolver chooses)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", url) from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"cannot resolve {host}", url)
    if not allow_private:
        for address in addresses:
            kind = address_kind(address)
            if kind is not None:
                raise FetchError(
                    f"refusing to fetch from {address}, a {kind} address (give --allow-private to allow it)",
                    url,
                )
    return addresses
