"""The bounded policy fetch against a real local HTTP server."""

from __future__ import annotations

import gzip
import hashlib

import pytest

from consistency.errors import FetchError
from consistency.fetch.addresses import address_kind
from consistency.fetch.client import FetchLimits, fetch, is_url
from tests.helpers.web import serve, slow

PAGE = b"<html><body><h1>Privacy policy</h1><p>We collect your email address.</p></body></html>"
HTML = {"Content-Type": "text/html; charset=utf-8"}
LOCAL = FetchLimits(allow_private=True, timeout=5.0)


def test_a_page_is_fetched_with_its_hash_and_final_url_after_redirects():
    routes = {
        "/p": (200, HTML, PAGE),
        "/old": (301, {"Location": "/p"}, b""),
        "/older": (302, {"Location": "/old"}, b""),
    }
    with serve(routes) as (base, hits):
        page = fetch(base + "/older", LOCAL)
    assert page.body == PAGE and page.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert (page.url, page.final_url, page.status) == (base + "/older", base + "/p", 200)
    assert page.suffix == ".html" and hits["/p"] == 1


def test_a_loopback_address_is_refused_without_the_flag_and_nothing_is_requested():
    with serve({"/p": (200, HTML, PAGE)}) as (base, hits):
        with pytest.raises(FetchError, match=r"127\.0\.0\.1, a loopback address \(give --allow-private"):
            fetch(base + "/p")
    assert hits["/p"] == 0


@pytest.mark.parametrize(
    "address, kind",
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
    ],
)
def test_address_kinds(address, kind):
    assert address_kind(address) == kind


def test_every_redirect_target_is_checked_again():
    with serve({"/p": (302, {"Location": "file:///etc/passwd"}, b"")}) as (base, _):
        with pytest.raises(FetchError, match="only http and https URLs are fetched, not file"):
            fetch(base + "/p", LOCAL)


@pytest.mark.parametrize("url", ["ftp://example.org/policy", "file:///etc/passwd", "gopher://x/1"])
def test_only_http_and_https(url):
    assert is_url(url)
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, LOCAL)


def test_a_page_over_the_size_limit_is_refused_whether_declared_or_not():
    big = b"x" * 5000
    routes = {"/declared": (200, HTML, big), "/chunked": (200, {**HTML, "Content-Length": "10"}, big)}
    with serve(routes) as (base, _):
        with pytest.raises(FetchError, match="declares 5000 bytes"):
            fetch(base + "/declared", FetchLimits(allow_private=True, max_bytes=1000))
    undeclared = {"/p": (200, {**HTML, "Connection": "close"}, big)}
    with serve(undeclared) as (base, _):
        page = fetch(base + "/p", FetchLimits(allow_private=True, max_bytes=10_000))
        assert len(page.body) == 5000


def test_a_gzip_bomb_is_stopped_at_the_size_limit():
    bomb = gzip.compress(bytes(50 << 20))
    with serve({"/p": (200, {**HTML, "Content-Encoding": "gzip"}, bomb)}) as (base, _):
        with pytest.raises(FetchError, match="over the limit of 1048576 bytes"):
            fetch(base + "/p", FetchLimits(allow_private=True, max_bytes=1 << 20))


def test_a_redirect_loop_stops_at_the_limit():
    with serve({"/a": (302, {"Location": "/b"}, b""), "/b": (302, {"Location": "/a"}, b"")}) as (base, hits):
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetch(base + "/a", FetchLimits(allow_private=True, max_redirects=3))
    assert hits["/a"] + hits["/b"] == 4


def test_a_slow_server_hits_the_time_limit():
    with serve({"/p": slow(2.0, (200, HTML, PAGE))}) as (base, _):
        with pytest.raises(FetchError, match="within"):
            fetch(base + "/p", FetchLimits(allow_private=True, timeout=0.5))


def test_an_http_error_is_one_line():
    with serve({}) as (base, _):
        with pytest.raises(FetchError, match="HTTP 404") as caught:
            fetch(base + "/missing", LOCAL)
    assert "\n" not in str(caught.value)
