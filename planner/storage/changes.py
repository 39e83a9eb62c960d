"""What a write touched: the small change set every store call returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    """Ids touched per table; views refresh only what a change set names."""

    tables: dict[str, set[int]] = field(default_factory=dict)
    # The objects a write added, as stored (with their ids), in the order written.
    added: list = field(default_factory=list, compare=False)

    def add(self, table: str, record_id: int | None) -> Changes:
        ids = self.tables.setdefault(table, set())
        if record_id is not None:
            ids.add(record_id)
        return self

    def merge(self, other: Changes) -> Changes:
        for table, ids in other.tables.items():
            self.tables.setdefault(table, set()).update(ids)
        self.added.extend(other.added)
        return self

    def touches(self, *tables: str) -> bool:
        return any(t in self.tables for t in tables)

    def ids(self, table: str) -> set[int]:
        return self.tables.get(table, set())

    def __bool__(self) -> bool:
        return bool(self.tables)


@dataclass
class Removed:
    """Everything a delete took away, so that undo can put it back exactly.

    ``rows`` are (table, row) in the order they were deleted (children first);
    ``cleared`` are references set to NULL: (table, id, column, old value).
    """

    rows: list[tuple[str, dict]] = field(default_factory=list)
    cleared: list[tuple[str, int, str, object]] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    def count(self, table: str) -> int:
        return sum(1 for t, _ in self.rows if t == table)

    def merge(self, other: Removed) -> Removed:
        """Take in what a later delete removed, so that one restore puts back both."""
        self.rows += other.rows
        self.cleared += other.cleared
        self.changes.merge(other.changes)
        return self


@dataclass(frozen=True)
class ChangeRecord:
    id: int
    at: str
    visit_id: int | None
    revision: int | None
    table: str
    record_id: int | None
    action: str
    old: dict
    new: dict
