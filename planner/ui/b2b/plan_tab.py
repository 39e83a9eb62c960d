"""The hall plan of one B2B session: the hall's settings, Schedule (off the window's thread), drags, print, calendar."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.b2b.model import Hall
from planner.ui.b2b import commands as c
from planner.ui.b2b.companies_tab import button
from planner.ui.b2b.models import OBJECT_ROLE, HallPlanModel
from planner.ui.widgets import file_dialogs


class PlanTab(QWidget):
    def __init__(self, room, parent=None):
        super().__init__(parent)
        self.room = room
        self.sessions = QComboBox()
        self.sessions.currentIndexChanged.connect(lambda _n: self.show_session())
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1, 600)
        self.time_limit.setValue(30)
        self.time_limit.setSuffix(" s")
        self.model = HallPlanModel(self)
        self.model.on_drop = self.move_talk
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.grid.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.grid.setDragEnabled(True)
        self.grid.setAcceptDrops(True)
        self.grid.setDropIndicatorShown(True)
        self.grid.setWordWrap(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.companies = QComboBox()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.reasons = QPlainTextEdit()
        self.reasons.setReadOnly(True)
        self.reasons.setMaximumHeight(110)
        top = QHBoxLayout()
        for widget in (QLabel("B2B session"), self.sessions, button("Hall…", self.edit_hall), QLabel("Time limit"),
                       self.time_limit, button("Schedule", self.schedule), button("Lock / unlock", self.toggle_lock),
                       button("Print hall plan…", self.print_plan)):
            top.addWidget(widget)
        top.addStretch(1)
        bottom = QHBoxLayout()
        for widget in (QLabel("Company"), self.companies, button("Print its schedule…", self.print_company),
                       button("Export calendar…", self.export_calendar)):
            bottom.addWidget(widget)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.reasons)
        layout.addLayout(bottom)
        self.thread = self.worker = self.progress = None

    # -- reading -------------------------------------------------------------

    def load(self, data, b2b_meetings) -> None:
        chosen = self.sessions.currentData()
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for meeting in b2b_meetings:
            mark = "" if meeting.id in data.halls else " (no hall yet)"
            self.sessions.addItem(f"{meeting.title}, {meeting.starts_at():%a %d %b %H:%M}{mark}", meeting.id)
        index = self.sessions.findData(chosen)
        if index < 0:  # open on the first session that has a hall
            index = next((n for n, x in enumerate(b2b_meetings) if x.id in data.halls), 0)
        self.sessions.setCurrentIndex(index)
        self.sessions.blockSignals(False)
        name = self.companies.currentText()
        self.companies.clear()
        for company in sorted(data.companies.values(), key=lambda x: x.name.casefold()):
            self.companies.addItem(company.name, company.id)
        self.companies.setCurrentIndex(max(self.companies.findText(name), 0))
        self.show_session()

    def current_meeting(self):
        meeting_id = self.sessions.currentData()
        return next((m for m in self.room.b2b_meetings if m.id == meeting_id), None)

    def show_session(self) -> None:
        meeting, data = self.current_meeting(), self.room.data
        hall = data.halls.get(meeting.id) if meeting else None
        self.model.load(meeting, hall, data.talks, data.requests, data.companies)

    # -- editing -------------------------------------------------------------

    def edit_hall(self) -> None:
        from planner.ui.b2b.forms import HallDialog

        meeting = self.current_meeting()
        if meeting is None:
            self.room.say("The visit has no B2B session: add a meeting of kind B2B first.")
            return
        dialog = HallDialog(self.room.data.halls.get(meeting.id) or Hall(meeting.id), meeting.title, self)
        if dialog.exec():
            self.room.run(c.HallCommand(self.room.session, dialog.value()))

    def move_talk(self, talk, slot: int, table: int) -> None:
        """A drag: the rules are checked first; a move that breaks one is refused with the reason."""
        from planner.b2b.moves import check_move, moved
        from planner.b2b.plan import problem_of

        meeting = self.current_meeting()
        problem = problem_of(self.room.session.store, self.room.session.visit_id)
        reason = check_move(problem, talk, meeting.id, slot, table)
        if reason:
            self.room.say(f"The talk stays where it was: {reason}")
            return
        self.room.run(c.PlanCommand(self.room.session, moved(problem, talk, meeting.id, slot, table), "Move a talk"))

    def toggle_lock(self) -> None:
        talks = [t for t in (self.model.data(i, OBJECT_ROLE) for i in self.grid.selectionModel().selectedIndexes())
                 if t is not None]
        if not talks:
            self.room.say("Select a talk on the hall plan to lock or unlock it.")
            return
        ids = {t.id for t in talks}
        plan = [replace(t, locked=not t.locked) if t.id in ids else t for t in self.room.data.talks]
        self.room.run(c.PlanCommand(self.room.session, plan, "Lock or unlock talks"))

    # -- the scheduler ---------------------------------------------------------

    def schedule(self) -> None:
        from planner.b2b.plan import problem_of
        from planner.ui.b2b import scheduling

        problem = problem_of(self.room.session.store, self.room.session.visit_id)
        if not problem.sessions:
            self.room.say("Give a B2B session its hall first (Hall…): the scheduler needs tables and slots.")
            return
        self.progress = QProgressDialog("Placing talks…", "Cancel", 0, 0, self)
        self.progress.setWindowTitle("Schedule")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.thread, self.worker = scheduling.start(problem, self.time_limit.value(), self)
        self.worker.progressed.connect(self.progress.setLabelText)
        self.worker.finished.connect(self.scheduled)
        self.worker.failed.connect(self.failed)
        self.progress.canceled.connect(self.worker.stop.set)
        self.progress.show()

    def scheduled(self, outcome) -> None:
        self.progress.reset()
        self.room.run(c.PlanCommand(self.room.session, outcome.talks, "Schedule the B2B talks"))
        self.show_outcome(outcome)

    def failed(self, message: str) -> None:
        self.progress.reset()
        self.room.say(message)

    def show_outcome(self, outcome) -> None:
        self.summary.setText(outcome.summary()[0].upper() + outcome.summary()[1:] + ".")
        names = {k: x.name for k, x in self.room.data.companies.items()}
        requests = self.room.data.requests
        self.reasons.setPlainText("\n".join(
            f"{names[requests[k].from_company_id]} → {names[requests[k].to_company_id]}: {why}"
            for k, why in sorted(outcome.left_out.items()) if k in requests))
        self.room.reasons = outcome.left_out

    # -- documents -------------------------------------------------------------

    def _pdf(self, report, stem: str) -> None:
        from planner import printing

        path, _ = file_dialogs.save_file(self, "Export as PDF", f"{stem}.pdf", "PDF (*.pdf)")
        if not path:
            return
        try:
            printing.write_pdf(report, path, report.paper or "A4")
        except printing.PrintError as exc:
            QMessageBox.warning(self, "Export as PDF", f"{exc}.")
            return
        self.room.say(f"Wrote {Path(path).name}.")

    def print_plan(self) -> None:
        from planner import reports

        report = reports.hall_plan(self.room.data)
        self._pdf(report, report.file_stem)

    def print_company(self) -> None:
        from planner import reports

        if self.companies.currentIndex() >= 0:
            report = reports.company_schedule(self.room.data, self.companies.currentText())
            self._pdf(report, report.file_stem)

    def export_calendar(self) -> None:
        from planner.b2b.calendar import company_calendar

        company_id = self.companies.currentData()
        if company_id is None:
            return
        try:
            text = company_calendar(self.room.data, company_id, self.room.venues)
        except ValueError as exc:
            self.room.say(f"{exc}.")
            return
        stem = f"b2b-{self.companies.currentText()}"
        path, _ = file_dialogs.save_file(self, "Export calendar", f"{stem}.ics", "Calendar (*.ics)")
        if path:
            Path(path).write_text(text, encoding="utf-8", newline="")
            self.room.say(f"Wrote {Path(path).name} for {self.companies.currentText()}'s representatives.")
