"""Bounded time and honest words against hostile HTTP servers on 127.0.0.1.

pytest-httpserver plays servers that speak HTTP (Retry-After, gzip); a raw socket thread
plays the ones that do not (a body dripped a byte at a time, an HTTP/0.9 reply, endless
headers). ``requests`` is never mocked. After each failure the previous corpus is
untouched and nothing is left behind.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.test_wordnet_corpus import (
    assert_untouched,
    install,
    package,
    previous,
    sha256,
    source,
)

#: Fault injection runs real processes and corpora: CI runs it, the quick loop does not.
pytestmark = pytest.mark.slow

__all__ = ["package", "previous", "source"]  # fixtures used here


def test_a_day_long_retry_after_ends_at_once(httpserver: HTTPServer, previous: Path) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data(
        "busy", status=503, headers={"Retry-After": "86400"}
    )
    started = time.monotonic()
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--max-time", "20")
    assert time.monotonic() - started < 15
    assert code == 1
    assert err.startswith("Error: the server asked to retry after 86400 s, more than the ")
    assert "left of the 20 s time limit; raise --max-time to wait longer" in err
    assert_untouched(previous)


def test_a_short_retry_after_is_honoured(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    calls: list[float] = []

    def busy_once(_: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("busy", status=503, headers={"Retry-After": "2"})
        return Response(package)

    httpserver.expect_request("/wordnet.zip").respond_with_handler(busy_once)
    code, _, err = install(
        httpserver.url_for("/wordnet.zip"), previous, "--sha256", sha256(package)
    )
    assert code == 0, err
    assert calls[1] - calls[0] >= 2


def test_gzip_content_encoding_is_decoded_and_counted(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    squeezed = gzip.compress(package)
    httpserver.expect_request("/wordnet.zip").respond_with_data(
        squeezed, headers={"Content-Encoding": "gzip"}
    )
    code, _, err = install(
        httpserver.url_for("/wordnet.zip"), previous, "--sha256", sha256(package)
    )
    assert code == 0, err


def test_gzip_cut_short_is_cut_short(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    squeezed = gzip.compress(package)

    def truncated(_: Request) -> Response:
        return Response(
            iter([squeezed[: len(squeezed) // 2]]),
            headers={"Content-Length": str(len(squeezed)), "Content-Encoding": "gzip"},
        )

    httpserver.expect_request("/wordnet.zip").respond_with_handler(truncated)
    code, _, err = install(
        httpserver.url_for("/wordnet.zip"), previous, "--sha256", sha256(package), "--retries", "0"
    )
    assert code == 1 and "cut short" in err
    assert_untouched(previous)


def test_credentials_in_the_url_are_never_printed(httpserver: HTTPServer, previous: Path) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data("no", status=404)
    url = httpserver.url_for("/wordnet.zip").replace("http://", "http://alice:s3cr3t@")
    code, _, err = install(url, previous)
    assert code == 1
    assert "s3cr3t" not in err and "alice" not in err
    assert "http://***@" in err
    code, _, err = install("ftp://alice:s3cr3t@example.invalid/x", previous)
    assert code == 2 and "s3cr3t" not in err


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
@pytest.mark.parametrize("option", ["--max-size", "--timeout", "--max-time"])
def test_infinite_limits_are_usage_errors(option: str, value: str, previous: Path) -> None:
    code, _, err = install("http://127.0.0.1:9/x", previous, option, value)
    assert code == 2
    assert "Traceback" not in err
    assert_untouched(previous)


@pytest.mark.parametrize(
    "url", ["http://[::1/x", f"http://{'a' * 300}.com/x", "http://127.0.0.1:99999/x"]
)
def test_malformed_urls_are_usage_errors(url: str, previous: Path) -> None:
    code, _, err = install(url, previous)
    assert code == 2 and "is not an http(s) URL with a host" in err
    assert_untouched(previous)


def test_a_redirect_to_a_broken_url_is_one_line(httpserver: HTTPServer, previous: Path) -> None:
    for target in ("http://[::1/x", f"http://{'a' * 300}.com/x"):
        httpserver.clear()
        httpserver.expect_request("/wordnet.zip").respond_with_data(
            "", status=302, headers={"Location": target}
        )
        code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--retries", "0")
        assert code == 1, err
        assert err.count("\n") == 1 and err.startswith("Error: ")
        assert_untouched(previous)


# --- servers that do not speak HTTP properly ----------------------------------------------


@pytest.fixture
def raw_server() -> Iterator[Callable[[Callable[[socket.socket], None]], str]]:
    """A one-thread TCP server on 127.0.0.1 running ``handle(connection)`` for each client."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()
    threads = []

    def serve(handle: Callable[[socket.socket], None]) -> str:
        def loop() -> None:
            while not stop.is_set():
                try:
                    connection, _ = listener.accept()
                except OSError:
                    continue
                with connection:
                    connection.recv(65536)  # the request
                    with contextlib.suppress(OSError):
                        handle(connection)

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        threads.append(thread)
        return f"http://127.0.0.1:{listener.getsockname()[1]}/wordnet.zip"

    yield serve
    stop.set()
    for thread in threads:
        thread.join(timeout=5)
    listener.close()


def test_a_dripped_body_is_stopped_by_max_time(
    raw_server: Callable[[Callable[[socket.socket], None]], str], previous: Path
) -> None:
    def drip(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n")
        for _ in range(60):
            connection.sendall(b"x")
            time.sleep(0.25)

    url = raw_server(drip)
    started = time.monotonic()
    code, _, err = install(url, previous, "--timeout", "2", "--max-time", "3", "--retries", "0")
    took = time.monotonic() - started
    assert code == 1
    assert err.startswith(f"Error: the download from {url} took longer than the 3 s time limit")
    assert 3 <= took < 8  # per read the server is quick enough: only the total stops it
    assert_untouched(previous)


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (b"just some bytes, HTTP/0.9 style\n", "no status line"),
        (b"HTTP/1.1 200 OK\r\n" + b"X-Pad: " + b"a" * 200_000 + b"\r\n\r\n", "too long"),
        (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(200)) + b"\r\n",
         "too many or too long headers"),
    ],
    ids=["http09", "long-header", "many-headers"],
)  # fmt: skip
def test_a_reply_that_is_not_http_is_not_called_offline(
    raw_server: Callable[[Callable[[socket.socket], None]], str],
    previous: Path,
    reply: bytes,
    words: str,
) -> None:
    url = raw_server(lambda connection: connection.sendall(reply))
    code, _, err = install(url, previous, "--retries", "0", "--timeout", "5")
    assert code == 1
    assert err.startswith(f"Error: the server at {url} did not send a valid HTTP reply (")
    assert words in err
    assert "offline" not in err
    assert_untouched(previous)
