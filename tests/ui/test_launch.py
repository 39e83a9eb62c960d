"""Starting the window: a refused file is explained and the user may choose another or the demo."""

from types import SimpleNamespace

from PySide6.QtWidgets import QMessageBox

from planner.ui.shell import launch


def click_button(label: str):
    """Stand in for QMessageBox.exec: press the button whose text starts with ``label``."""
    def exec_(box):
        next(b for b in box.buttons() if b.text().replace("&", "").startswith(label)).click()
        click_button.text = box.text()
        return 0
    return exec_


def test_a_refused_file_offers_the_demo_and_leaves_the_file_alone(qtbot, tmp_path, monkeypatch):
    foreign = tmp_path / "accounts.sqlite"
    foreign.write_bytes(b"not a database")
    monkeypatch.setattr(launch, "demo_database", lambda: tmp_path / "demo-visit.sqlite")
    monkeypatch.setattr(QMessageBox, "exec", click_button("Open the demo"))
    store = launch.choose_store(SimpleNamespace(demo=False, db=str(foreign)))
    assert "not an SQLite file" in click_button.text and "The file was not changed." in click_button.text
    assert store is not None and store.visits()[0].title.startswith("Official visit")
    assert foreign.read_bytes() == b"not a database"


def test_a_refused_file_offers_another_file(qtbot, tmp_path, monkeypatch):
    foreign, good = tmp_path / "accounts.sqlite", tmp_path / "visits.sqlite"
    foreign.write_bytes(b"not a database")
    from planner.storage.database import open_database

    open_database(good).close()
    monkeypatch.setattr(QMessageBox, "exec", click_button("Choose another"))
    monkeypatch.setattr(launch.QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    store = launch.choose_store(SimpleNamespace(demo=False, db=str(foreign)))
    assert store is not None and store.visits() == []


def test_cancel_opens_nothing(qtbot, tmp_path, monkeypatch):
    foreign = tmp_path / "accounts.sqlite"
    foreign.write_bytes(b"not a database")
    monkeypatch.setattr(QMessageBox, "exec", click_button("Cancel"))
    assert launch.choose_store(SimpleNamespace(demo=False, db=str(foreign))) is None


def test_a_visit_less_database_opens_a_window_that_says_what_to_do(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from planner.storage.database import open_database
    from planner.storage.store import Store

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = launch.show_window(Store(open_database(tmp_path / "empty.sqlite")), settings)
    try:
        assert window.revision_label.text() == "No visit: Visit ▸ New visit"
        assert window.recent_files() == [str(tmp_path / "empty.sqlite")]
        window.action_by_id["meeting.new"].trigger()
        assert window.editor is None
    finally:
        window.close()
