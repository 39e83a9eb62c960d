"""File dialogs that never read the files they list, so they cannot drop the database's locks.

On Linux and macOS, SQLite's locks are POSIX locks, and the system drops every lock
a process holds on a file as soon as that process closes any handle on it. Qt's own
file dialog (the one Linux gets without a desktop's native dialog) guesses each
listed file's type from its first bytes: shown the folder of the open database, it
opened and closed the database, its ``-wal`` and its ``-shm``, and so dropped the
window's locks. The next program to open and close the file then believed itself the
last user, and deleted the write-ahead log the window kept writing into: edits lost.

These dialogs name file types from their names alone. Native dialogs ignore the icon
provider and are used wherever the desktop has them, as with Qt's static functions.
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QFileIconProvider, QWidget


class NameOnlyIcons(QFileIconProvider):
    """Icons and type names from a file's name, never from its contents."""

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QFileIconProvider.Option.DontUseCustomDirectoryIcons)

    def icon(self, what):  # noqa: D102 - Qt's overload: an IconType or a QFileInfo
        if isinstance(what, QFileInfo):
            kind = QFileIconProvider.IconType.Folder if what.isDir() else QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:  # noqa: D102
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


_ICONS: NameOnlyIcons | None = None


def make_dialog(parent: QWidget | None, caption: str, start: str = "", filters: str = "") -> QFileDialog:
    """A file dialog opened at ``start`` (a folder, or a file's path to suggest), naming types by name only."""
    global _ICONS
    if _ICONS is None:
        _ICONS = NameOnlyIcons()  # one for the program: a dialog does not own its provider
    dialog = QFileDialog(parent, caption, start, filters)
    dialog.setIconProvider(_ICONS)
    return dialog


def _ask(dialog: QFileDialog) -> tuple[str, str]:
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def open_file(parent: QWidget | None, caption: str, start: str = "", filters: str = "") -> tuple[str, str]:
    """The chosen existing file and filter, or ("", "") when cancelled; as ``QFileDialog.getOpenFileName``."""
    dialog = make_dialog(parent, caption, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _ask(dialog)


def save_file(parent: QWidget | None, caption: str, start: str = "", filters: str = "") -> tuple[str, str]:
    """The file to write and filter, or ("", "") when cancelled; asks before replacing a file, as
    ``QFileDialog.getSaveFileName``."""
    dialog = make_dialog(parent, caption, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _ask(dialog)


def folder(parent: QWidget | None, caption: str, start: str = "") -> str:
    """The chosen folder, or "" when cancelled; as ``QFileDialog.getExistingDirectory``."""
    dialog = make_dialog(parent, caption, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _ask(dialog)[0]
