"""The store folder: where each part lives, who may write, which generation is live.

    .kg/papers.sqlite   the stored papers and the extraction cache (kg.store.papers)
    .kg/CURRENT         the name of the live graph generation, replaced atomically
    .kg/graph-<n>/      one complete generation of the graph
    .kg/build.lock      held by the one build writing the store

A build writes a new generation beside the live one and then points CURRENT at it
(os.replace), so a reader sees the old graph or the new one, never half of one; a
build killed at any moment leaves CURRENT on the last complete generation. The
generation just replaced is kept until the next build, for readers still on it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

CURRENT = "CURRENT"
PAPERS_DB = "papers.sqlite"
LOCK = "build.lock"
GENERATION = re.compile(r"graph-(\d+)")
LEGACY_FILES = ("graph.json", "extractions.jsonl")  # the one-file store of kg before 0.2
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """The store is missing, damaged or not writable; the message is one line saying
    which path and what to do."""


def store_path(store: str | Path | None = None) -> Path:
    """The store folder: `store`, else $KG_STORE, else .kg in the working directory."""
    return Path(store or os.environ.get("KG_STORE") or ".kg")


def live_graph(store: str | Path | None = None) -> Path:
    """The folder of the live graph generation; StoreError if there is none or CURRENT
    is damaged."""
    folder = store_path(store)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a store folder")
    current = folder / CURRENT
    try:
        name = current.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        if (folder / LEGACY_FILES[0]).exists():
            raise StoreError(f"{folder / LEGACY_FILES[0]}: a store of an older kg; rebuild it "
                             "with `kg build --replace [PATHS]`") from None
        raise StoreError(f"no graph in {folder}/ — run `kg build` first "
                         "(or point --store / KG_STORE at a built store)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"{current}: damaged ({describe(error)}); "
                         "run `kg build` again") from error
    if not GENERATION.fullmatch(name) or not (folder / name).is_dir():
        raise StoreError(f"{current}: names no graph generation of this store ({name[:40]!r}); "
                         "run `kg build` again")
    return folder / name


def describe(error: Exception) -> str:
    """An OS or database error in a few words, without the path (the caller names it)."""
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def check_writable(folder: Path, replace: bool = False) -> None:
    """Raise StoreError (one line naming the path) unless a build can write the store:
    run before any input is read or extracted. A store of an older kg is rebuilt only
    with `replace`."""
    if not folder.exists():
        parent = next(p for p in folder.absolute().parents if p.exists())
        if not parent.is_dir() or not os.access(parent, os.W_OK):
            raise StoreError(f"{folder}: cannot create the store here ({parent} is not a "
                             "writable folder)")
        return
    if not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a store folder; "
                         "choose another --store or move it away")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{folder}: read-only, cannot build into it")
    for name in (PAPERS_DB, CURRENT, LOCK, *LEGACY_FILES):
        path = folder / name
        if path.exists() and not path.is_file():
            raise StoreError(f"{path}: a folder where the store keeps a file; move it away")
    if not replace and (folder / LEGACY_FILES[0]).exists() and not (folder / PAPERS_DB).exists():
        raise StoreError(f"{folder / LEGACY_FILES[0]}: a store of an older kg; rebuild it with "
                         "`kg build --replace [PATHS]` (or choose another --store)")
    database = folder / PAPERS_DB
    if database.exists():
        if not os.access(database, os.R_OK | os.W_OK):
            raise StoreError(f"{database}: read-only, cannot build into it")
        with open(database, "rb") as file:  # opening it would leave WAL files behind
            header = file.read(len(SQLITE_HEADER))
            # An empty file in a store with no graph yet is a database SQLite has not
            # written: another build is creating the store (this check runs before its lock).
            being_created = not header and not (folder / CURRENT).exists()
            if header != SQLITE_HEADER and not being_created:
                raise StoreError(f"{database}: damaged or not a kg store (no SQLite header); "
                                 "move it away and build again")


@contextmanager
def build_lock(folder: Path, wait: bool = True,
               on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's build lock: one build at a time. A second build waits (telling
    `on_wait` one line) or, with wait=False, stops with StoreError. The lock goes with
    its process, so a killed build never leaves the store locked."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / LOCK)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if not wait:
                raise StoreError(f"{folder}: another build is writing this store; "
                                 "try again when it ends") from None
            if on_wait:
                on_wait(f"waiting for another build of {folder} to finish…")
            lock.acquire()
    except OSError as error:
        raise StoreError(f"{folder}: cannot write the store ({describe(error)})") from error
    try:
        yield
    finally:
        lock.release()


def generations(folder: Path) -> dict[int, Path]:
    """Generation number -> folder, of every graph-<n> in the store."""
    found = {}
    for path in folder.glob("graph-*"):
        if match := GENERATION.fullmatch(path.name):
            found[int(match[1])] = path
    return found


def live_name(folder: Path) -> str | None:
    try:
        return (folder / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None


def new_generation(folder: Path) -> Path:
    """An empty folder for the next generation (under the build lock). Leftovers of
    killed builds (generations newer than the live one) are removed first."""
    live = live_name(folder)
    for path in generations(folder).values():
        if path.name != live and is_newer(path.name, live):
            remove(path)
    path = folder / f"graph-{max(generations(folder), default=0) + 1}"
    path.mkdir()
    return path


def is_newer(name: str, live: str | None) -> bool:
    match = GENERATION.fullmatch(live or "")
    return not match or int(GENERATION.fullmatch(name)[1]) > int(match[1])


def publish(folder: Path, generation: Path) -> None:
    """Make `generation` the live one (atomically), then remove every other generation
    but the one it replaces, and the files of an older kg's store."""
    previous = live_name(folder)
    partial = folder / (CURRENT + ".partial")
    with open(partial, "w", encoding="utf-8") as file:
        file.write(generation.name + "\n")
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, folder / CURRENT)
    for path in generations(folder).values():
        if path.name not in (generation.name, previous):
            remove(path)
    for name in LEGACY_FILES:
        (folder / name).unlink(missing_ok=True)


def remove(path: Path) -> None:
    """Remove a folder or file, whichever it is."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
