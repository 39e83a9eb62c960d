"""The replies table: one row per meeting and attendee, what they answered and what they were last sent."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt

from planner.ui.widgets.table_model import ColumnTableModel

ANSWERS = [("accepted", "Accepted"), ("declined", "Declined"), ("tentative", "Tentative"),
           ("delegated", "Delegated"), ("needs action", "Not answered")]
LABELS = dict(ANSWERS)


def counts(rows: list[dict]) -> dict[str, int]:
    """How many accepted, declined, are tentative, delegated or have not answered (every answer, zeros kept)."""
    found = Counter(row["reply"] for row in rows)
    return {label: found.get(reply, 0) for reply, label in ANSWERS}


def counts_text(rows: list[dict]) -> str:
    """'Accepted 5 · Declined 1 · Tentative 2 · Not answered 7' (delegated only when someone delegated)."""
    return " · ".join(f"{label} {n}" for label, n in counts(rows).items() if n or label != "Delegated")


def to_chase(rows: list[dict]) -> list[dict]:
    """The people to chase: invited, not answered yet."""
    return [row for row in rows if row["reply"] == "needs action"]


def sent_text(row: dict) -> str:
    """'Version 2, up to date', 'Version 1; version 2 not sent yet', 'Not sent', 'No e-mail address'."""
    if not row["email"]:
        return "No e-mail address"
    if row["sent_sequence"] is None:
        return "Not sent"
    if row["sent_sequence"] < row["sequence"]:
        return f"Version {row['sent_sequence']}; version {row['sequence']} not sent yet"
    return f"Version {row['sent_sequence']}, up to date"


def chase_text(rows: list[dict]) -> str:
    """The list of people to chase as plain text, meeting by meeting (for the printer or a file)."""
    lines, meeting = [], None
    for row in to_chase(rows):
        if row["meeting"] != meeting:
            meeting = row["meeting"]
            lines.append(("\n" if lines else "") + meeting)
        lines.append(f"  {row['name']}" + (f" <{row['email']}>" if row["email"] else " (no e-mail address)"))
    return "\n".join(lines) + "\n" if lines else "Everyone has answered.\n"


class RepliesModel(ColumnTableModel):
    COLUMNS = ["Meeting", "Person", "E-mail", "Reply", "Comment", "Sent"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [row["meeting"], row["name"], row["email"], LABELS.get(row["reply"], row["reply"]),
                    row["comment"], sent_text(row)][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None
