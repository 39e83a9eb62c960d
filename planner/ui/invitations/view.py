"""The Replies view: who accepted, declined, is tentative or has not answered, per meeting and for the whole
visit; the people to chase; counter-proposals with Accept and Decline; and Send updates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from planner.ui.invitations.model import RepliesModel, chase_text, counts_text, to_chase
from planner.ui.widgets import file_dialogs


class RepliesDialog(QDialog):
    """Stays open beside the window and follows every change of the session."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.session = window, window.session
        self.setWindowTitle("Replies and invitations")
        self.setObjectName("replies")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.meeting = QComboBox(self)
        self.meeting.setAccessibleName("Meeting")
        top.addWidget(QLabel("&Meeting:", self, buddy=self.meeting))
        top.addWidget(self.meeting, 1)
        layout.addLayout(top)
        self.counts = QLabel(self)
        self.pending = QLabel(self)
        self.pending.setWordWrap(True)
        layout.addWidget(self.counts)
        layout.addWidget(self.pending)
        self.model = RepliesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Replies")
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel("Counter-proposals of this meeting (a new time or place, waiting for your answer):"))
        self.counters = QListWidget(self)
        self.counters.setAccessibleName("Counter-proposals")
        layout.addWidget(self.counters, 1)
        buttons = QHBoxLayout()
        self.accept_counter = QPushButton("&Accept proposal", self)
        self.decline_counter = QPushButton("&Decline proposal…", self)
        self.export_chase = QPushButton("&Export people to chase…", self)
        self.print_chase = QPushButton("&Print people to chase…", self)
        self.send = QPushButton("&Send updates…", self)
        close = QPushButton("Close", self)
        for button in (self.accept_counter, self.decline_counter, self.export_chase, self.print_chase, self.send):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.meeting.currentIndexChanged.connect(self.refresh)
        self.counters.currentRowChanged.connect(self._counter_chosen)
        self.accept_counter.clicked.connect(lambda: self.decide(True))
        self.decline_counter.clicked.connect(lambda: self.decide(False))
        self.export_chase.clicked.connect(self.export)
        self.print_chase.clicked.connect(self.print)
        self.send.clicked.connect(self.send_updates)
        close.clicked.connect(self.close)
        self.session.changed.connect(self.refresh)
        self.resize(900, 560)
        self.fill_meetings()

    def fill_meetings(self) -> None:
        from planner.storage.queries.invitations import meetings_of_visit

        chosen = self.meeting.currentData()
        self.meeting.blockSignals(True)
        self.meeting.clear()
        self.meeting.addItem("The whole visit", None)
        for meeting in meetings_of_visit(self.session.store.db, self.session.visit_id):
            self.meeting.addItem(f"{meeting.start:%d %b} {meeting.title}", meeting.id)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(chosen)))
        self.meeting.blockSignals(False)
        self.refresh()

    def meeting_id(self) -> int | None:
        return self.meeting.currentData()

    def rows(self) -> list[dict]:
        return self.model.rows

    def refresh(self, *_changes) -> None:
        from planner.domain.invitations import Scope
        from planner.storage.queries.invitations import open_counters, reply_rows

        db, visit_id = self.session.store.db, self.session.visit_id
        self.model.set_rows(reply_rows(db, visit_id, self.meeting_id()))
        rows = self.rows()
        self.counts.setText(counts_text(rows) + f" — {len(to_chase(rows))} to chase")
        unsent = [r for r in rows if r["email"] and (r["sent_sequence"] is None or r["sent_sequence"] < r["sequence"])]
        meetings = {r["meeting_id"] for r in unsent}
        self.pending.setText(f"Not sent yet: {len(meetings)} meeting(s) have changes for {len(unsent)} attendee(s)."
                             if unsent else "Every attendee with an e-mail address has the latest version.")
        self.scope = Scope(meeting_id=self.meeting_id()) if self.meeting_id() else Scope(visit_id=visit_id)
        self.counters.clear()
        people = {r["person_id"]: r["name"] for r in reply_rows(db, visit_id)}
        titles = {r["meeting_id"]: r["meeting"] for r in reply_rows(db, visit_id)}
        from planner.ical.answers import describe_proposal

        for proposal in open_counters(db, visit_id):
            if self.meeting_id() not in (None, proposal.meeting_id):
                continue
            name = people.get(proposal.person_id, "Someone")
            text = f"{name} proposes {describe_proposal(proposal)} for '{titles.get(proposal.meeting_id, '?')}'"
            item = QListWidgetItem(text + (f" — “{proposal.comment.strip()}”" if proposal.comment.strip() else ""))
            item.setData(256, (proposal, name))
            self.counters.addItem(item)
        self._counter_chosen()

    def _counter_chosen(self, *_row) -> None:
        chosen = self.counters.currentItem() is not None
        self.accept_counter.setEnabled(chosen)
        self.decline_counter.setEnabled(chosen)

    def decide(self, accept: bool) -> None:
        from planner.ui.invitations.commands import CounterDecisionCommand
        from planner.ui.shell.refusals import tell_refused

        item = self.counters.currentItem()
        if item is None:
            return
        proposal, name = item.data(256)
        command = CounterDecisionCommand(self.session, proposal, accept, name)
        if not self.session.run(command, lambda why: tell_refused(f"The proposal was not accepted: {why}",
                                                                  "Counter-proposal", self)):
            return
        if accept:
            self.window.show_status(f"The meeting moved to the time {name} proposed; Send updates tells everyone.")
        else:
            self.write_decline(proposal, name)

    def write_decline(self, proposal, name: str) -> Path | None:
        """The DECLINECOUNTER for the proposer, as a mail draft ready to send (.eml)."""
        from email import policy

        from planner.ical.export import Method, decline_counter
        from planner.mail.imip import invite_email
        from planner.storage.queries.invitations import programme

        store = self.session.store
        path, _filter = file_dialogs.save_file(self, f"Save the answer to {name}", "declined-proposal.eml",
                                                    "Mail drafts (*.eml)")
        if not path:
            self.window.show_status("The proposal is declined; no answer was written.")
            return None
        meeting, proposer = store.meeting(proposal.meeting_id), store.person(proposal.person_id)
        plain = programme(store.db, meeting.visit_id)
        text = decline_counter(meeting, proposer, plain)
        message = invite_email(meeting, plain, Method.DECLINECOUNTER, text, to=[proposer] if proposer.email else [])
        target = Path(path)
        target.write_bytes(message.as_bytes(policy=policy.default.clone(max_line_length=998)))
        self.window.show_status(f"The proposal is declined; the answer to {name} is in {target.name}.")
        return target

    def export(self) -> Path | None:
        path, _filter = file_dialogs.save_file(self, "Save the people to chase", "to-chase.txt",
                                                    "Text files (*.txt)")
        if not path:
            return None
        target = Path(path)
        target.write_text(chase_text(self.rows()), encoding="utf-8")
        self.window.show_status(f"Wrote {len(to_chase(self.rows()))} people to chase to {target.name}.")
        return target

    def print(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setPlainText("People to chase\n\n" + chase_text(self.rows()))
        document.print_(printer)

    def send_updates(self) -> None:
        from planner.ui.invitations.sending import send_updates

        send_updates(self.window, [self.meeting_id()] if self.meeting_id() else None)
