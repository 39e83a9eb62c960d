"""What the window builds just after its first paint: the features' menus and the Conflicts panel.

Each is built in the turns after the first paint, or at once when something asks for it before then,
and comes out the same as when everything was built with the window.
"""

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QToolBar

from planner.ui.conflicts.panel import ConflictsPanel
from planner.ui.shell.actions import MENU_ORDER, feature_actions
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.session import Session
from planner.ui.shell.window_actions import ACTIONS
from tests.ui.window_helpers import make_window


def unbuilt_window(qtbot, store, visit_id, tmp_path) -> MainWindow:
    window = MainWindow(Session(store, visit_id), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def menus_by_id(window) -> dict[str, list[str]]:
    """Each menu's actions by id, in order (the Recent files submenu and separators left out)."""
    return {a.text().replace("&", ""): [x.objectName() for x in a.menu().actions() if x.objectName()]
            for a in window.menuBar().actions()}


def expected_menus() -> dict[str, list[str]]:
    """The menus as built all at once from the window's and the features' actions, in MENU_ORDER."""
    specs = ACTIONS + feature_actions()
    return {name: [s.id for s in specs if s.menu == name] for name in MENU_ORDER if any(s.menu == name for s in specs)}


def feature_ids() -> set[str]:
    return {spec.id for spec in feature_actions()}


def test_the_features_actions_come_just_after_the_first_paint_in_their_places(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = unbuilt_window(qtbot, store, visit_id, tmp_path)
    some_feature = sorted(feature_ids())[0]
    assert window.findChild(QAction, some_feature) is None  # not built with the window
    window.show()
    qtbot.waitUntil(lambda: window.findChild(QAction, some_feature) is not None)  # built without being asked
    assert list(menus_by_id(window).items()) == list(expected_menus().items())
    for spec in ACTIONS + feature_actions():
        action = window.action_by_id[spec.id]
        assert action is window.findChild(QAction, spec.id) and action.isVisible()
        assert action.associatedObjects()  # in a menu, so its shortcut works in the window
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert [a.objectName() for a in toolbar.actions()] == [s.id for s in ACTIONS + feature_actions() if s.toolbar]


def test_asking_for_an_action_or_the_menus_before_the_first_paint_builds_them(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = unbuilt_window(qtbot, store, visit_id, tmp_path)
    assert feature_ids() <= set(window.action_by_id)
    assert list(menus_by_id(window).items()) == list(expected_menus().items())
    window = unbuilt_window(qtbot, store, visit_id, tmp_path)
    assert list(menus_by_id(window).items()) == list(expected_menus().items())
    assert feature_ids() <= set(window.action_by_id)  # once only: no second copy of any action
    assert len(window.findChildren(QAction, sorted(feature_ids())[0])) == 1


def test_the_conflicts_panel_fills_its_dock_just_after_the_first_paint(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = unbuilt_window(qtbot, store, visit_id, tmp_path)
    assert window.findChild(ConflictsPanel) is None and not isinstance(window.conflicts_dock.widget(), ConflictsPanel)
    first_paint = []

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if not first_paint and event.type() == QEvent.Type.Paint and watched is window:
                first_paint.append(window.conflicts_dock.geometry())
            return False

    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    window.show()  # the first time: no window layout remembered yet
    qtbot.waitUntil(lambda: isinstance(window.conflicts_dock.widget(), ConflictsPanel))
    QApplication.instance().removeEventFilter(watch)
    panel = window.conflicts_dock.widget()
    qtbot.wait(50)  # let the dock lay the panel out
    assert first_paint == [window.conflicts_dock.geometry()]  # the dock had its width in the first paint
    assert window.conflicts_panel is panel and panel.isVisible()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)  # the demo visit has conflicts
    assert panel.model.conflicts() == window.watch.conflicts_after()


def test_asking_for_the_conflicts_panel_before_the_first_paint_builds_it_once(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    panel = window.conflicts_panel
    assert window.conflicts_dock.widget() is panel and window.conflicts_panel is panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    assert window.findChildren(ConflictsPanel) == [panel]
