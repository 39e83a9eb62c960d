from dataclasses import replace

from planner.ui.meetings.model import MeetingRole, MeetingsModel
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.session import Session
from planner.ui.widgets.text import dual_time


def test_meetings_model_passes_the_model_tester(qtmodeltester, demo):
    store, visit_id = demo
    model = MeetingsModel(Session(store, visit_id))
    qtmodeltester.check(model)
    assert model.rowCount() == 21


def test_window_shows_the_demo_meetings_and_follows_changes(qtbot, demo):
    store, visit_id = demo
    session = Session(store, visit_id)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    model = window.meetings_view.model()
    first = model.index(0, 0).data(MeetingRole)
    assert first.title.startswith("Virtual interactive session")
    assert model.index(0, 1).data() == "10:00–11:30 Dushanbe · 10:00–11:30 Karachi"  # start and end
    first = replace(first, title="Renamed session")
    session.notify(store.update(first))
    assert model.index(0, 2).data() == "Renamed session"
    assert "Official visit" in window.windowTitle()


def test_dual_time_shows_both_clocks_when_zones_differ():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 12, 14, 1, 0, tzinfo=ZoneInfo("Asia/Dushanbe"))
    assert dual_time(moment, "Asia/Dushanbe", "Europe/Berlin") == "01:00 Dushanbe · 21:00 (Sun) Berlin"
    assert dual_time(moment, "Asia/Dushanbe", "Asia/Dushanbe") == "01:00 Dushanbe"
