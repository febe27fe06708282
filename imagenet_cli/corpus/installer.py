"""Installing a WordNet 3.0 corpus safely: download, checksum, safe unzip, atomic swap.

The default package is the one NLTK's own downloader fetches: ``wordnet`` in NLTK's data
index (``index.xml`` of the nltk/nltk_data repository, gh-pages branch, read at commit
005569f5): version 3.0, ``size="10775600"``, ``checksum="b3f38606f626e54c6f060548546f71f0"``
(an MD5 digest, which is what NLTK's downloader compares), ``unzipped_size="36353991"``.

``requests`` is imported inside :func:`download` only, so other commands never load it.
Retries use urllib3's ``Retry`` (connection errors, read errors before the body, and
HTTP 500/502/503/504, with exponential backoff); proxies (``HTTPS_PROXY``, ``NO_PROXY``)
and TLS verification (``REQUESTS_CA_BUNDLE``) are requests' defaults and stay on.
"""

from __future__ import annotations

import errno
import hashlib
import lzma
import os
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from imagenet_cli._errors import ImagenetError
from imagenet_cli.corpus import swap
from imagenet_cli.corpus.finder import Corpus, inspect_corpus, supply_missing

NLTK_WORDNET_URL = (
    "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/packages/corpora/wordnet.zip"
)
NLTK_WORDNET_MD5 = "b3f38606f626e54c6f060548546f71f0"
NLTK_WORDNET_SIZE = 10_775_600
NLTK_WORDNET_UNZIPPED_SIZE = 36_353_991

#: Default caps (10^6-byte megabytes): the package is 10.8 MB zipped and 36.4 MB unzipped.
DEFAULT_MAX_BYTES = 64_000_000
DEFAULT_MAX_UNZIPPED = 256_000_000
CHUNK = 64 * 1024

OFFLINE_HINT = (
    "offline? `imagenet wordnet import /usr/share/wordnet` builds the corpus from Debian's "
    "wordnet-base without a download"
)

#: ``progress(done_bytes, total_bytes_or_None)``
Progress = Callable[[int, int | None], None]


class InstallError(ImagenetError):
    """A download or install failed; nothing was installed and any old corpus is intact."""


@dataclass(frozen=True, slots=True)
class Expected:
    """What the downloaded file must be: any of size (bytes), MD5 and SHA-256 (hex)."""

    size: int | None = None
    md5: str | None = None
    sha256: str | None = None


NLTK_WORDNET = Expected(size=NLTK_WORDNET_SIZE, md5=NLTK_WORDNET_MD5)


def _describe_request_error(error: Exception, url: str, timeout: float) -> str:
    """One line for a ``requests`` failure, by what happened rather than by class name."""
    import requests

    text = str(error)
    if isinstance(error, requests.exceptions.SSLError):
        return f"TLS verification failed for {url} (set REQUESTS_CA_BUNDLE for a private CA)"
    if isinstance(error, requests.exceptions.Timeout) or "timed out" in text.lower():
        return f"the server at {url} did not answer within {timeout:g} s"
    if isinstance(error, requests.exceptions.ChunkedEncodingError) or "IncompleteRead" in text:
        return f"the download from {url} was cut short"
    if isinstance(error, requests.exceptions.ProxyError):
        return f"the proxy refused or failed the request for {url}"
    if isinstance(error, requests.exceptions.ConnectionError) and _not_http(text):
        return f"the server at {url} did not send a valid HTTP reply ({_not_http(text)})"
    if isinstance(error, requests.exceptions.ConnectionError):
        return f"could not connect to {url} ({_cause(text)})"
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return f"{url!r} is not a valid http(s) URL"
    if isinstance(error, requests.exceptions.InvalidSchema):
        return f"{url!r} is not an http(s) URL"
    return f"the download from {url} failed: {text.splitlines()[0] if text else type(error)}"


def _not_http(text: str) -> str | None:
    """What was wrong with a reply that is not HTTP (http.client's words), else None."""
    for known, words in (
        ("BadStatusLine", "no status line"), ("LineTooLong", "a header line too long"),
        ("got more than", "too many or too long headers"),
        ("RemoteDisconnected", "it closed the connection without a reply"),
    ):  # fmt: skip
        if known in text:
            return words
    return None


def _cause(text: str) -> str:
    """The innermost reason in a requests/urllib3 message, in a few words."""
    for known in (
        "Name or service not known", "Temporary failure in name resolution",
        "No address associated with hostname", "Connection refused", "Network is unreachable",
        "No route to host", "Connection reset by peer", "Max retries exceeded",
    ):  # fmt: skip
        if known in text:
            return known[0].lower() + known[1:]
    return "connection failed"


#: The default limit on a whole transfer, retries and waits included (seconds).
DEFAULT_MAX_TIME = 900.0


def _bounded_retry(deadline: float, max_time: float) -> type[Any]:
    """urllib3's ``Retry`` whose waits (Retry-After, backoff) never pass ``deadline``.

    urllib3 honours any ``Retry-After`` (a 503 with ``Retry-After: 86400`` would sleep a
    day); here a wait longer than the time left ends the download at once.
    """
    from urllib3.util.retry import Retry

    def wait(seconds: float, why: str) -> None:
        left = deadline - time.monotonic()
        if seconds > left:
            raise InstallError(
                f"{why}, more than the {max(left, 0):.0f} s left of the {max_time:g} s time limit",
                hint="raise --max-time to wait longer",
            )
        if seconds > 0:
            time.sleep(seconds)

    class BoundedRetry(Retry):
        def sleep_for_retry(self, response: Any) -> bool:
            retry_after = self.get_retry_after(response)
            if retry_after is None:
                return False
            asked = str(response.headers.get("Retry-After", "")).strip()[:40]
            asked = f"{asked} s" if asked.isdigit() else printable_ascii(asked)
            wait(retry_after, f"the server asked to retry after {asked}")
            return True

        def _sleep_backoff(self) -> None:
            backoff = self.get_backoff_time()
            wait(backoff, f"the next retry would wait {backoff:g} s")

    return BoundedRetry


def printable_ascii(text: str) -> str:
    """``text`` with anything but printable ASCII replaced by ``?`` (server-sent words)."""
    return "".join(ch if " " <= ch <= "~" else "?" for ch in text)


def _body(response: Any, deadline: float, max_time: float, url: str) -> Iterator[bytes]:
    """The decoded body of a streamed response, one socket read at a time, until
    ``deadline`` (each read lasts at most the read timeout, so a body dripped a byte at
    a time is stopped too). urllib3's errors become requests' (as ``iter_content`` does)."""
    import requests
    from urllib3 import exceptions as u3

    raw = response.raw
    while True:
        if time.monotonic() > deadline:
            raise InstallError(
                f"the download from {url} took longer than the {max_time:g} s time limit; stopped",
                hint="raise --max-time for a slow link",
            )
        try:
            chunk = raw.read1(CHUNK, decode_content=True)
        except u3.ReadTimeoutError as error:
            raise requests.exceptions.ConnectionError(error) from None
        except u3.SSLError as error:
            raise requests.exceptions.SSLError(error) from None
        except u3.DecodeError as error:
            raise requests.exceptions.ContentDecodingError(error) from None
        except (u3.ProtocolError, u3.HTTPError) as error:
            raise requests.exceptions.ChunkedEncodingError(error) from None
        if not chunk:
            return
        yield chunk


def download(
    url: str,
    dest: Path,
    *,
    expected: Expected,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 30.0,
    retries: int = 3,
    max_time: float = DEFAULT_MAX_TIME,
    progress: Progress | None = None,
) -> int:
    """Stream ``url`` into the new file ``dest``, checking size and digests.

    Args:
        url: an http(s) URL.
        dest: a file that must not exist yet (created exclusively).
        expected: size and digests to check (of the content, after any
            ``Content-Encoding`` is decoded); None fields are not checked.
        max_bytes: refuse a body larger than this (by Content-Length or by counting).
        timeout: seconds to wait for the connection and for each read.
        retries: retries on connection errors and HTTP 500/502/503/504, with backoff
            (0.5 s, then doubling) or the server's ``Retry-After``.
        max_time: seconds for the whole transfer, retries and waits included; a
            ``Retry-After`` longer than what is left ends the download at once.
        progress: called with (bytes so far, total bytes or None) after each chunk.

    Returns:
        The number of bytes written.

    Raises:
        InstallError: HTTP error, timeout, time limit, cut-short body, oversized body,
            wrong size or digest. ``dest`` may be left partly written: callers download
            into a temporary folder they remove.
    """
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3 import exceptions as u3

    deadline = time.monotonic() + max_time
    retry = _bounded_retry(deadline, max_time)(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=0.5,
        status_forcelist=(500, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,
    )
    md5, sha256 = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    written = 0
    shown = redact(url)
    with requests.Session() as session:
        adapter = HTTPAdapter(max_retries=retry)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        try:
            wait = min(timeout, max_time)
            with session.get(url, stream=True, timeout=(wait, wait)) as response:
                if response.status_code >= 400:
                    reason = f" {response.reason}" if response.reason else ""
                    raise InstallError(
                        f"the server answered HTTP {response.status_code}{reason} for {shown}"
                    )
                declared = response.headers.get("Content-Length", "").strip()
                # Content-Length counts the bytes sent: compressed, with Content-Encoding.
                total = int(declared) if declared.isdigit() and len(declared) < 20 else None
                encoded = bool(response.headers.get("Content-Encoding", "").strip())
                if total is not None and total > max_bytes:
                    raise InstallError(
                        f"the download is {_mb(total)}, over the {_mb(max_bytes)} cap",
                        hint="raise --max-size if you trust it",
                    )
                with dest.open("xb") as handle:
                    for chunk in _body(response, deadline, max_time, shown):
                        written += len(chunk)
                        if written > max_bytes:
                            raise InstallError(
                                f"the download passed the {_mb(max_bytes)} cap; stopped",
                                hint="raise --max-size if you trust it",
                            )
                        handle.write(chunk)
                        md5.update(chunk)
                        sha256.update(chunk)
                        if progress is not None:
                            progress(written, None if encoded else total)
                received = response.raw.tell()  # bytes as sent, before decoding
                if total is not None and received != total:
                    raise InstallError(
                        f"the download from {shown} was cut short ({received:,} of {total:,} bytes)"
                    )
        except u3.LocationParseError:  # a redirect to a host name that cannot be one
            raise InstallError(f"the download from {shown} led to an invalid host name") from None
        except requests.exceptions.RequestException as error:
            offline = isinstance(error, requests.exceptions.ConnectionError) and not isinstance(
                error, requests.exceptions.SSLError
            )
            offline = offline and not _timed_out(error) and not _not_http(str(error))
            raise InstallError(
                _describe_request_error(error, shown, timeout)
                + (f" after {retries} retries" if offline and retries else ""),
                hint=OFFLINE_HINT if offline else None,
            ) from None
    _check(written, md5.hexdigest(), sha256.hexdigest(), expected)
    return written


def _timed_out(error: Exception) -> bool:
    import requests

    return isinstance(error, requests.exceptions.Timeout) or "timed out" in str(error).lower()


def redact(url: str) -> str:
    """``url`` without a password (``https://user:***@host/...``), for messages."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        if parts.password is None and parts.username is None:
            return url
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        if parts.port is not None:
            host += f":{parts.port}"
        return urlunsplit(parts._replace(netloc=f"***@{host}"))
    except ValueError:
        return "the given URL" if "@" in url else url


def _mb(size: int) -> str:
    """Bytes as megabytes (10^6 bytes), the unit of ``--max-size``."""
    return f"{size / 1e6:,.3f} MB".replace(".000 MB", " MB")


def _check(size: int, md5: str, sha256: str, expected: Expected) -> None:
    if size == 0:
        raise InstallError("the download is empty")
    if expected.size is not None and size != expected.size:
        raise InstallError(
            f"the download has {size:,} bytes; expected {expected.size:,}",
            hint=_expected_hint(expected),
        )
    if expected.md5 is not None and md5 != expected.md5.lower():
        raise InstallError(
            f"MD5 mismatch: got {md5}, expected {expected.md5.lower()}",
            hint=_expected_hint(expected),
        )
    if expected.sha256 is not None and sha256 != expected.sha256.lower():
        raise InstallError(f"SHA-256 mismatch: got {sha256}, expected {expected.sha256.lower()}")


def _expected_hint(expected: Expected) -> str | None:
    if expected == NLTK_WORDNET:
        return (
            "those are the size and MD5 NLTK's index publishes for its wordnet.zip; "
            "for another archive pass --sha256"
        )
    return None


def _member_problem(info: zipfile.ZipInfo, top: str) -> str | None:
    name = info.filename
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return f"an absolute path ({name!r})"
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if ".." in parts:
        return f"a path leaving the folder ({name!r})"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return f"a link ({name!r})"
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: no type recorded
        return f"a special file ({name!r})"
    if not parts or parts[0] != top:
        return f"a file outside {top}/ ({name!r})"
    if info.flag_bits & 0x1:  # APPNOTE 4.4.4: bit 0, encrypted
        return f"an encrypted member ({name!r})"
    if info.compress_type not in _METHODS:
        return f"{name!r} in compression method {info.compress_type}, which is not supported"
    return None


#: Compression methods Python's zipfile reads (APPNOTE 4.4.5 numbers: 0, 8, 12, 14).
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


def safe_extract(archive: Path, dest: Path, *, top: str, max_unzipped: int) -> Path:
    """Unzip ``archive`` into ``dest``, refusing anything that could escape or explode.

    Every member must lie under ``top/``; absolute paths, ``..``, links and special
    files are refused before anything is written, as are archives whose stated or
    actual unzipped size passes ``max_unzipped`` bytes.

    Returns:
        ``dest / top``.

    Raises:
        InstallError: not a zip file, or a refused member.
    """
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            for info in members:
                problem = _member_problem(info, top)
                if problem:
                    raise InstallError(f"refused the archive: it holds {problem}")
            if sum(info.file_size for info in members) > max_unzipped:
                raise InstallError(f"refused the archive: over {max_unzipped:,} bytes unzipped")
            budget = max_unzipped
            for info in members:
                target = dest.joinpath(*PurePosixPath(info.filename).parts)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    with zipped.open(info) as source, target.open("xb") as out:
                        while block := source.read(CHUNK):
                            budget -= len(block)
                            if budget < 0:
                                raise InstallError(
                                    f"refused the archive: over {max_unzipped:,} bytes unzipped"
                                )
                            out.write(block)
                except (zipfile.BadZipFile, zlib.error, EOFError, lzma.LZMAError) as error:
                    raise InstallError(
                        f"refused the archive: {info.filename!r} is corrupt ({error})"
                    ) from None
    except zipfile.BadZipFile:
        raise InstallError("the download is not a zip archive") from None
    except UnicodeDecodeError:  # flag bit 11 says UTF-8, the bytes say otherwise
        raise InstallError("refused the archive: a file name in it is not UTF-8") from None
    return dest / top


def install_corpus(root: Path, populate: Callable[[Path], Path], *, force: bool = False) -> Corpus:
    """Build a corpus in a temporary folder and move it to ``root/corpora/wordnet`` at once.

    What a killed earlier install left is repaired first (:func:`swap.recover`: an old
    corpus it moved aside is restored, never deleted). The swap survives signals and
    crashes (:func:`swap.swap_in`).

    Args:
        root: an NLTK data folder (``~/nltk_data``; ``~`` is expanded); created when missing.
        populate: given an empty staging folder on the same file system, builds the
            corpus inside it and returns the corpus folder.
        force: replace what ``root/corpora/wordnet`` already holds (a WordNet 3.0 corpus,
            another version, other files). An empty folder is replaced without it.

    Returns:
        What was installed.

    Raises:
        InstallError: something is already there (without ``force``), another install
            into ``root`` is running, ``~`` cannot be expanded, or the built folder is
            not a usable WordNet 3.0 corpus.
        SwapInterrupted: SIGINT, SIGTERM or SIGHUP during the swap.
        ImagenetError, OSError: from ``populate`` or the file system.
        In every failure, and on KeyboardInterrupt, the staging folder is removed and
        any previous corpus is left as it was.
    """
    root = expand_root(root)
    final = root / "corpora" / "wordnet"
    created = [p for p in (final.parent, *final.parent.parents) if not p.exists()]
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _remove_empty(created)
        raise InstallError(f"cannot write to {final.parent}: {error.strerror or error}") from None
    done = False
    try:
        with swap.locked(final.parent):
            swap.recover(final.parent)
            _refuse_to_overwrite(final, force)
            try:
                staging = Path(tempfile.mkdtemp(prefix=swap.STAGING_PREFIX, dir=final.parent))
            except OSError as error:
                raise InstallError(
                    f"cannot write to {final.parent}: {error.strerror or error}"
                ) from None
            try:
                built = populate(staging)
                result = inspect_corpus(built, "nltk_data")
                if not result.usable:
                    raise InstallError(
                        f"the new corpus is not usable WordNet 3.0: {result.problem}"
                    )
                swap.mark_new(built)
                swap.swap_in(built, final, staging)
                done = True
            except OSError as error:
                raise InstallError(_file_error(error, final.parent)) from None
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except swap.SwapInterrupted as stopped:
        done = done or stopped.installed
        raise
    finally:
        if not done:
            _remove_empty(created)
    return inspect_corpus(final, "nltk_data")


def _file_error(error: OSError, target: Path) -> str:
    """One line for a file error of an install: a file outside the target folder was
    being read (an import's source); one inside it, written."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"cannot install into {target}: {reason}"
    if error.filename is None:
        return f"cannot install into {target}: {reason}"
    name = os.fsdecode(error.filename)
    verb = "write" if Path(name).is_relative_to(target) else "read"
    return f"cannot {verb} {name}: {reason}"


def expand_root(root: Path) -> Path:
    """``root`` with a leading ``~`` expanded (``--dir=~/nltk_data`` reaches us unexpanded).

    Raises:
        InstallError: ``~`` cannot be expanded (no HOME and no passwd entry).
    """
    expanded = Path(os.path.expanduser(root))  # unlike Path.expanduser, never raises
    if str(expanded).startswith("~"):
        raise InstallError(
            f"cannot expand {str(root)[:200]!r}: no home folder is known",
            hint="give the folder without ~",
        )
    return expanded


def _refuse_to_overwrite(final: Path, force: bool) -> None:
    if force or not (final.exists() or final.is_symlink()):
        return
    current = inspect_corpus(final, "nltk_data")
    if current.usable:
        raise InstallError(
            f"a WordNet 3.0 corpus is already installed in {final}",
            hint="add --force to replace it",
        )
    if final.is_dir() and not final.is_symlink() and not any(final.iterdir()):
        return
    raise InstallError(
        f"{final} holds something other than WordNet 3.0: {current.problem}",
        hint="add --force to replace it (its content is deleted)",
    )


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders an install created (deepest first) if they are still empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def install_from_url(
    root: Path,
    url: str = NLTK_WORDNET_URL,
    *,
    expected: Expected = NLTK_WORDNET,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 30.0,
    retries: int = 3,
    max_time: float = DEFAULT_MAX_TIME,
    force: bool = False,
    progress: Progress | None = None,
) -> Corpus:
    """Download an NLTK ``wordnet.zip`` package and install it atomically under ``root``.

    See :func:`download`, :func:`safe_extract` and :func:`install_corpus` for the checks.
    The archive must hold one ``wordnet/`` folder, as NLTK's package does.

    Raises:
        InstallError: any failure; nothing is installed and any old corpus is intact.
    """

    def populate(staging: Path) -> Path:
        archive = staging / "wordnet.zip"
        download(
            url,
            archive,
            expected=expected,
            max_bytes=max_bytes,
            timeout=timeout,
            retries=retries,
            max_time=max_time,
            progress=progress,
        )
        folder = safe_extract(
            archive, staging / "unzipped", top="wordnet", max_unzipped=DEFAULT_MAX_UNZIPPED
        )
        archive.unlink()
        if inspect_corpus(folder, "nltk_data").usable:
            from imagenet_cli.corpus.check import check_corpus

            problem = check_corpus(folder)
            if problem is not None:
                raise InstallError(f"the downloaded corpus is damaged: {problem}")
            supply_missing(folder)  # a zip of Princeton's files may lack what NLTK needs
        return folder

    return install_corpus(root, populate, force=force)


def import_corpus(source: Path, root: Path, *, force: bool = False) -> Corpus:
    """Build an NLTK-readable corpus from WordNet 3.0 database files, atomically.

    See :func:`imagenet_cli.corpus.finder.build_nltk_corpus` and :func:`install_corpus`.
    """
    from imagenet_cli.corpus.finder import build_nltk_corpus

    def populate(staging: Path) -> Path:
        return build_nltk_corpus(source, staging / "wordnet")

    return install_corpus(root, populate, force=force)
