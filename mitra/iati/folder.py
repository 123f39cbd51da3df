"""Import from a folder the operator configures (`MITRA["IATI_IMPORT_FOLDER"]`, issue 17 §1).

Operators drop IATI files on the server (a registry dump is often larger than an upload should
be) and start the import from the import page. The page lists the folder's `*.xml` files; the
job ("iati.import_folder", registered in apps.py) imports the files listed when it was queued,
through the same `pipeline.import_and_check` as an upload, so every rule of the import holds.

What is read: regular files directly in the folder whose name ends in ".xml" (any case), not
hidden ones, not sub-folders and not symbolic links (a link could point anywhere on the server).
The path comes only from settings: a job carries file names, never a path."""

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from mitra.core.exceptions import ApplicationError

from .services import Progress, max_bytes

# At most this many files per job: every file is open while the job runs.
MAX_FILES = 500
SUFFIX = ".xml"


@dataclass(frozen=True)
class FolderFile:
    name: str
    size: int

    @property
    def too_large(self) -> bool:
        return self.size > max_bytes()


def configured_folder() -> Path | None:
    """The folder of `MITRA["IATI_IMPORT_FOLDER"]`; None when the setting is empty (the import
    page then offers uploads only)."""
    value = str(settings.MITRA.get("IATI_IMPORT_FOLDER") or "").strip()
    return Path(value) if value else None


def folder_files(folder: Path) -> list[FolderFile]:
    """The folder's XML files by name. A folder that is missing or cannot be read is an
    ApplicationError naming it (the operator can fix the setting or the permissions)."""
    try:
        with os.scandir(folder) as entries:
            files = [
                FolderFile(entry.name, entry.stat(follow_symlinks=False).st_size)
                for entry in entries
                if _importable_name(entry.name) and entry.is_file(follow_symlinks=False)
            ]
    except FileNotFoundError:
        raise _folder_error(_("The folder %(folder)s does not exist."), folder) from None
    except NotADirectoryError:
        raise _folder_error(_("%(folder)s is not a folder."), folder) from None
    except PermissionError:
        raise _folder_error(_("Mitra may not read the folder %(folder)s."), folder) from None
    return sorted(files, key=lambda f: f.name)


def folder_problems(files: list[FolderFile]) -> list[str]:
    """Why these files cannot be imported as one job (empty when they can)."""
    if not files:
        return [_("The folder holds no .xml file.")]
    problems = []
    if len(files) > MAX_FILES:
        problems.append(
            _(
                "The folder holds %(count)s XML files; at most %(max)s are imported at once. "
                "Move some of them to another folder."
            )
            % {"count": len(files), "max": MAX_FILES}
        )
    large = [f.name for f in files if f.too_large]
    if large:
        problems.append(
            _("Larger than %(mb)s MB: %(files)s.")
            % {"mb": max_bytes() // 2**20, "files": ", ".join(large[:10])}
        )
    return problems


def job_params(folder: Path, files: list[FolderFile]) -> dict[str, Any]:
    return {"folder": str(folder), "files": [{"name": f.name, "size": f.size} for f in files]}


@contextmanager
def opened_sources(names: list[str]) -> Iterator[list[tuple[str, IO[bytes]]]]:
    """The job's files, opened from the configured folder, closed on exit. A file that is gone
    or changed into something else since the job was queued fails the job before anything is
    written, naming the file."""
    folder = configured_folder()
    if folder is None:
        raise ApplicationError(_("No import folder is configured."))
    bad = [name for name in names if not _importable_name(name)]
    if bad or not names:
        raise ApplicationError(_("The job names no file of the folder."))
    missing = [name for name in names if not (folder / name).is_file() or _is_link(folder / name)]
    if missing:
        raise ApplicationError(
            _("No longer in the folder %(folder)s: %(files)s. Start the import again.")
            % {"folder": folder, "files": ", ".join(missing[:10])}
        )
    with ExitStack() as stack:
        yield [(name, stack.enter_context((folder / name).open("rb"))) for name in names]


class BytesProgress:
    """The import reports activities read; across several files the bar shows megabytes read
    of the files' total instead (the open handles' positions), so it moves evenly."""

    def __init__(self, sources: list[tuple[str, IO[bytes]]], sizes: list[int], report: Progress):
        self.handles = [stream for _name, stream in sources]
        self.total_mb = max(1, -(-sum(sizes) // 2**20))
        self.report = report

    def __call__(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        if stage == "parsing":
            read = sum(_position(handle) for handle in self.handles)
            self.report(min(read // 2**20, self.total_mb), total=self.total_mb, stage="reading")
        else:
            self.report(done, total=total, stage=stage)


def _position(handle: IO[bytes]) -> int:
    try:
        return 0 if handle.closed else handle.tell()
    except (OSError, ValueError):
        return 0


def _importable_name(name: str) -> bool:
    return (
        name == os.path.basename(name)
        and "\x00" not in name
        and not name.startswith(".")
        and name.lower().endswith(SUFFIX)
        and len(name) > len(SUFFIX)
    )


def _is_link(path: Path) -> bool:
    return path.is_symlink()


def _folder_error(message: str, folder: Path) -> ApplicationError:
    text = message % {"folder": folder}
    return ApplicationError(text, extra={"folder": [text]})
