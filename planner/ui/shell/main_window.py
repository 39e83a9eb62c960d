"""The main window: assembles the views, the Conflicts dock and the actions around one session."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from planner.storage.database import DatabaseRefused
from planner.ui.conflicts.watch import ConflictWatch
from planner.ui.meetings.panel import MeetingsPanel
from planner.ui.shell.actions import build_actions
from planner.ui.shell.late_parts import DockRoom, LateParts
from planner.ui.shell.session import Session
from planner.ui.shell.window_actions import ACTIONS, tell
from planner.ui.shell.window_settings import RememberedLayout
from planner.ui.widgets.reading_bar import reading_bar

RECENT_KEY, RECENT_MAX = "recent_files", 8


# Views from other modules, each built when its tab is first shown: key -> (module, class, tab label).
VIEWS = {
    "programme": ("planner.ui.programme.view", "ProgrammeView", "&Programme"),
    "people": ("planner.ui.people.view", "PeopleView", "P&eople and delegations"),
}
TAB_ORDER = ("programme", "meetings", "people")


def _in_this_build(module: str) -> bool:
    """Whether a view's module is part of this build, found without importing it.

    Only a missing module leaves its tab out: an error inside the view shows when the tab is built.
    """
    if module in sys.modules:
        return True
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class MainWindow(LateParts, QMainWindow):
    def __init__(self, session: Session, settings: QSettings | None = None, open_window=None):
        """``open_window(path, settings)`` shows another database in a new window (DatabaseRefused if it
        cannot); the composition root, ui.shell.launch, hands it in, and without it File ▸ Open opens nothing."""
        super().__init__()
        self.session, self.open_window = session, open_window
        self.settings = settings if settings is not None else QSettings()
        self.setObjectName("main_window")
        # A large visit's meetings and conflicts are read once the window has painted (see paintEvent).
        self._painted = self._fonts_registered = False
        self.watch = ConflictWatch(session, self, hold=True)
        self.meetings_panel = MeetingsPanel(session, self, self.watch, hold=True)
        self.meetings_view, self.meetings_model = self.meetings_panel.view, self.meetings_panel.model
        self._programme_selection: list[int] = []
        self._build_tabs()
        self._build_conflicts_dock()
        # The window's own actions now; the features' (and their modules) just after the first paint, or
        # as soon as anything asks for an action or the menu bar (see action_by_id).
        self._actions = build_actions(self, ACTIONS)
        self._wire_undo()
        self._add_recent_menu()
        self._build_status_bar()
        self.search_dialog = self.editor = None
        self._update_title()
        # Bound methods, not lambdas: the session outlives this window and must not call into it after.
        session.visitChanged.connect(self._update_title)
        session.changed.connect(self._on_changed)
        self.resize(1280, 800)
        self.layout_memory = RememberedLayout(self, self.settings, self.meetings_view.horizontalHeader(),
                                              self.tabs, self.tab_of, self._on_tab)
        self.layout_memory.restore()
        # The tab the window opens on is built just after the first paint (see _after_first_paint).
        self.tabs.currentChanged.connect(self._tab_shown)
        self._features_due = True

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Views")
        self.tab_of: dict[str, int] = {}
        self._views: dict[str, QWidget] = {}  # the views built so far
        for key in TAB_ORDER:
            if key == "meetings":
                self.tab_of[key] = self.tabs.addTab(self.meetings_panel, "&Meetings")
            elif _in_this_build(VIEWS[key][0]):
                # An empty page until first shown: building every view up front delays the first paint.
                self.tab_of[key] = self.tabs.addTab(QWidget(), VIEWS[key][2])
        self.setCentralWidget(self.tabs)
        self.meetings_panel.meetingActivated.connect(self.open_meeting)

    def _build_conflicts_dock(self) -> None:
        """The dock now, in its place; the panel in it just after the first paint (see conflicts_panel)."""
        self._conflicts_panel = None
        self.conflicts_dock = QDockWidget("Conflicts", self)
        self.conflicts_dock.setObjectName("conflicts_dock")
        self.conflicts_dock.setWidget(DockRoom())  # the dock has the panel's room in the first paint
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.conflicts_dock)
        self._size_docks = self.settings.value("window/state") is None

    def _build_status_bar(self) -> None:
        """The revision and, while a large visit is read, a progress bar."""
        self.revision_label = QLabel()
        self.statusBar().addPermanentWidget(self.revision_label)
        self.reading_bar = reading_bar()
        self.statusBar().addPermanentWidget(self.reading_bar)
        self.meetings_model.reading.connect(self._show_reading)
        if self.meetings_model.reading_total() is not None:
            self._show_reading(0, self.meetings_model.reading_total())

    # -- the views, built when first shown -------------------------------------------

    @property
    def programme_view(self):
        """The programme (built on first use; None when this build has no programme view)."""
        return self._view("programme")

    @property
    def people_view(self):
        """The people directory (built on first use; None when this build has no people view)."""
        return self._view("people")

    def _tab_shown(self, index: int) -> None:
        for key, tab in self.tab_of.items():
            if tab == index and key in VIEWS:
                self._view(key)

    def _view(self, key: str):
        if key in self._views or key not in self.tab_of or key not in VIEWS:
            return self._views.get(key)
        module, name, label = VIEWS[key]
        view = self._views[key] = getattr(importlib.import_module(module), name)(self.session, self)
        # Put the view in place of its empty page, without the tab widget announcing a change of tab.
        index, current = self.tab_of[key], self.tabs.currentIndex()
        page = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, view, label)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        page.deleteLater()
        if key == "programme":
            view.meetingActivated.connect(self.open_meeting)
            view.meetingsSelected.connect(self._programme_selected)
        else:
            view.personActivated.connect(self.open_person_form)
        self.layout_memory.restore_splitters(view)
        return view

    # -- what feature actions (printing, calendar, rosters) ask of the window --

    def current_meeting_id(self) -> int | None:
        """The meeting the user is working on (selected or open), if any."""
        if self.editor is not None and self.editor.isVisible() and self.editor.before is not None:
            return self.editor.before.meeting.id
        if self._on_tab("programme") and self._programme_selection:
            return self._programme_selection[0]
        return self.meetings_panel.current_meeting_id()

    def selected_meeting_ids(self) -> list[int]:
        if self._on_tab("programme") and self._programme_selection:
            return list(self._programme_selection)
        return self.meetings_panel.selected_meeting_ids()

    # A people view not built yet has nobody selected: asking must not build it.

    def current_person_id(self) -> int | None:
        view = self._views.get("people")
        return view.current_person_id() if view is not None else None

    def current_delegation_id(self) -> int | None:
        view = self._views.get("people")
        return view.current_delegation_id() if view is not None else None

    def current_sector_id(self) -> int | None:
        view = self._views.get("people")
        return view.current_sector_id() if view is not None else None

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # -- showing things ------------------------------------------------------------

    def _on_tab(self, key: str) -> bool:
        return key in self.tab_of and self.tabs.currentIndex() == self.tab_of[key]

    def show_tab(self, key: str) -> None:
        if key in self.tab_of:
            self._view(key)  # built here, not in the tab signal, so that an error in the view reaches the caller
            self.tabs.setCurrentIndex(self.tab_of[key])
            self.tabs.currentWidget().setFocus()

    def _programme_selected(self, meeting_ids: list) -> None:
        self._programme_selection = [int(i) for i in meeting_ids]

    def select_meetings(self, meeting_ids: list[int]) -> None:
        """Select these meetings in the table and the programme (from a conflict, a search or a new meeting)."""
        meeting_ids = [i for i in meeting_ids if i is not None]
        self.meetings_panel.select_meetings(meeting_ids)
        self._programme_selection = list(meeting_ids)
        if "programme" in self._views:
            self._views["programme"].select_meetings(meeting_ids)
        if not (self._on_tab("programme") or self._on_tab("meetings")):
            self.show_tab("meetings")

    def open_meeting(self, meeting_id: int | None, agenda_item_id: int | None = None):
        """Open the editor on a meeting (None: a new one); OK stores it as one undo step."""
        from planner.ui.meetings.editor import MeetingEditor

        editor = self.editor = MeetingEditor(self.session, meeting_id, self)
        geometry = self.settings.value("meeting_editor/geometry")
        if geometry is not None:
            editor.restoreGeometry(geometry)
        editor.finished.connect(lambda _r: self.settings.setValue("meeting_editor/geometry", editor.saveGeometry()))
        editor.accepted.connect(lambda: editor.saved_meeting_id and self.select_meetings([editor.saved_meeting_id]))
        if agenda_item_id is not None:
            editor.show_agenda_item(agenda_item_id)
        editor.open()
        return editor

    def open_person(self, person_id: int) -> None:
        """Show a person in the directory and open their form (from a search)."""
        self.show_tab("people")
        if self.people_view is not None:
            self.people_view.select_person(person_id)
        self.open_person_form(person_id)

    def open_person_form(self, person_id: int) -> None:
        """The person form, through planner.ui.people.person_editor when this build has it (the people view owns it)."""
        try:
            module = importlib.import_module("planner.ui.people.person_editor")
        except ModuleNotFoundError as exc:
            if exc.name != "planner.ui.people.person_editor":
                raise
            return
        module.open_person_editor(self, person_id)

    def open_search(self):
        from planner.ui.shell.search import SearchDialog

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.session, self)
            self.search_dialog.hitChosen.connect(self.open_hit)
        else:
            self.search_dialog.run()  # the visit may have changed since the last search
        self.search_dialog.query.selectAll()
        self.search_dialog.query.setFocus()
        self.search_dialog.open()
        return self.search_dialog

    def open_hit(self, hit) -> None:
        if hit.kind == "person":
            self.open_person(hit.id)
            return
        self.select_meetings([hit.meeting_id])
        self.open_meeting(hit.meeting_id, hit.id if hit.kind == "agenda item" else None)

    # -- databases -----------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_KEY) or []
        return [value] if isinstance(value, str) else list(value)

    def remember_database(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue(RECENT_KEY, recent[:RECENT_MAX])

    def open_database(self, path: Path):
        """Open ``path`` in a new window in place of this one; a refused file changes nothing."""
        if self.open_window is None:
            return None
        try:
            window = self.open_window(path, self.settings)
        except DatabaseRefused as exc:
            tell(self, "Visit Planner cannot open this file", str(exc))
            return None
        self.remember_database(path)
        self.close()
        return window

    def open_demo(self):
        from planner.locations import demo_database

        return self.open_database(demo_database())

    def _add_recent_menu(self) -> None:
        file_menu = next(a.menu() for a in self.menuBar().actions() if a.text() == "&File")
        self.recent_menu = QMenu("&Recent files", self)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.insertMenu(self._actions["file.quit"], self.recent_menu)
        file_menu.insertSeparator(self._actions["file.quit"])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for n, path in enumerate(self.recent_files(), start=1):
            action = self.recent_menu.addAction(f"&{n} {path}")
            action.triggered.connect(lambda _c=False, p=path: self.open_database(Path(p)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # -- undo, title, settings ---------------------------------------------------------

    def _wire_undo(self) -> None:
        stack, undo, redo = self.session.undo_stack, self._actions["edit.undo"], self._actions["edit.redo"]
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)

    def _undo_text(self, text: str) -> None:
        # The menu names the step; the toolbar keeps its short label (and the step as tooltip).
        action = self._actions["edit.undo"]
        action.setText(f"&Undo {text}".strip())
        action.setIconText("Undo")
        action.setToolTip(f"Undo {text} (Ctrl+Z)".replace("  ", " "))

    def _redo_text(self, text: str) -> None:
        action = self._actions["edit.redo"]
        action.setText(f"&Redo {text}".strip())
        action.setIconText("Redo")
        action.setToolTip(f"Redo {text} (Ctrl+Shift+Z)".replace("  ", " "))

    def _on_changed(self, changes) -> None:
        if changes.touches("visits"):
            self._update_title()

    def _update_title(self, *_args) -> None:
        visit = self.session.visit
        title = f"{visit.title} — Visit Planner" if visit else "Visit Planner"
        self.setWindowTitle(title + (" (read-only)" if self.session.store.read_only else ""))
        if visit is None:
            self.revision_label.setText("No visit: Visit ▸ New visit")
        elif visit.revision:
            self.revision_label.setText(f"Revision {visit.revision}, issued {visit.revision_issued_at:%d %b %Y %H:%M} UTC")
        else:
            self.revision_label.setText("Draft: no revision issued yet")

    def _show_reading(self, done: int, total: int) -> None:
        """Progress in the status bar while a large visit is read; the window answers meanwhile."""
        # QProgressBar.setValue repaints at once, the status bar and window behind it too; with updates held
        # the bar is painted with the rows just read, in the window's next paint.
        self.reading_bar.setUpdatesEnabled(False)
        self.reading_bar.setRange(0, total)
        self.reading_bar.setValue(done)
        self.reading_bar.setUpdatesEnabled(True)
        self.reading_bar.setVisible(done < total)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Work held back until the window has appeared: the open tab's view, a large visit's reading, fonts."""
        self._tab_shown(self.tabs.currentIndex())
        self._painted = True
        # A piece at a time, 10 ms apart and none in the pass of the open view's first reading: timers due
        # together run in one pass of the event loop, and the window would answer only after all of them.
        pieces = (self._build_feature_actions, self.meetings_model.release, self._build_conflicts_panel,
                  self.watch.release, lambda: importlib.import_module("planner.printing"), self._register_fonts)
        for delay, piece in enumerate(pieces, start=1):
            QTimer.singleShot(10 * delay, self, piece)

    def _register_fonts(self) -> None:
        if not self._fonts_registered:
            self._fonts_registered = True
            from planner.printing import register_fonts  # QtGui only; the reports load when something is printed

            # The bundled fonts give every desktop the Cyrillic and Urdu glyphs of people's native names.
            register_fonts()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Should no paint come (a window started minimised), the reading starts anyway.
        QTimer.singleShot(500, self, self._after_first_paint)  # not after the window has gone
        if self._size_docks:  # the first time only, and once the window is laid out: the views want all the width
            self._size_docks = False
            QTimer.singleShot(0, self._give_the_dock_room)

    def _give_the_dock_room(self) -> None:
        self.resizeDocks([self.conflicts_dock], [320], Qt.Orientation.Horizontal)

    def closeEvent(self, event) -> None:
        self.layout_memory.save()
        super().closeEvent(event)
