"""Two programs editing one database file: every write waits its turn, none is lost."""

import multiprocessing
from datetime import date

from planner.domain import model as m
from planner.storage.store import Store
from tests.storage.two_writers import edit_in_a_loop

EDITS = 80


def test_two_processes_editing_one_file_lose_no_edit(tmp_path):
    path = tmp_path / "visit.sqlite"
    store = Store(path)
    visit = m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                    "Asia/Dushanbe", "Asia/Karachi", notes="0")
    store.add(visit)
    spawn = multiprocessing.get_context("spawn")  # as on Windows and macOS: nothing inherited
    barrier = spawn.Barrier(2)
    writers = [spawn.Process(target=edit_in_a_loop, args=(str(path), visit.id, name, EDITS, barrier))
               for name in ("Window", "Import")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]  # no edit of either failed
    assert store.visit(visit.id).notes == str(2 * EDITS)  # each read-and-write saw the other's
    assert len(store.people(visit.id)) == 2 * EDITS
    logged = store.db.execute("SELECT count(*) FROM change_log WHERE table_name = 'people'").fetchone()[0]
    assert logged == 2 * EDITS
