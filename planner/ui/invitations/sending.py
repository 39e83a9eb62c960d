"""Send updates from the window: the mail server settings (password to the keyring), then sending off the
window's thread with progress and Cancel. What each message reached is recorded on the window's thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
)

from planner.mail.smtp import SmtpSettings
from planner.ui.widgets.forms import ok_cancel

SECURITY_LABELS = [("starttls", "STARTTLS (port 587)"), ("ssl", "SSL/TLS (port 465)"), ("none", "None (port 25)")]


class SmtpDialog(QDialog):
    """The office's mail server: host, port, security, user name and password (kept in the system keyring)."""

    def __init__(self, summary: str, settings=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Send updates")
        self.settings = settings
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.host = QLineEdit(self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.security = QComboBox(self)
        for key, label in SECURITY_LABELS:
            self.security.addItem(label, key)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in the system keyring")
        self.remember = QCheckBox("Keep the password in the system keyring", self)
        self.remember.setChecked(True)
        for label, widget in (("Mail server", self.host), ("Port", self.port), ("Security", self.security),
                              ("User name", self.user), ("Password", self.password)):
            form.addRow(label, widget)
        form.addRow("", self.remember)
        layout.addLayout(form)
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Send")
        layout.addWidget(self.buttons)
        self.security.currentIndexChanged.connect(self._default_port)
        self._load()

    def _default_port(self) -> None:
        self.port.setValue({"ssl": 465, "starttls": 587, "none": 25}[self.security.currentData()])

    def _load(self) -> None:
        value = (lambda key, default: self.settings.value(f"smtp/{key}", default)) if self.settings is not None \
            else (lambda key, default: default)
        self.host.setText(str(value("host", "")))
        self.security.setCurrentIndex(max(0, self.security.findData(str(value("security", "starttls")))))
        self.port.setValue(int(value("port", 587)))
        self.user.setText(str(value("user", "")))

    def chosen(self) -> SmtpSettings:
        return SmtpSettings(self.host.text().strip(), self.port.value(), self.security.currentData(),
                            self.user.text().strip())

    def remember_settings(self) -> None:
        """The server, port, security and user for next time; never the password (that goes to the keyring)."""
        if self.settings is None:
            return
        chosen = self.chosen()
        for key, value in (("host", chosen.host), ("port", chosen.port), ("security", chosen.security),
                           ("user", chosen.user)):
            self.settings.setValue(f"smtp/{key}", value)


class SendWorker(QObject):
    """Hands the messages to the server one by one on its own thread; the window records each delivery."""

    delivered = Signal(int, object)  # message number (1-based), Delivery
    finished = Signal(str)  # "" when the connection could be used, else why not

    def __init__(self, outgoing: list, settings: SmtpSettings, password: str | None):
        super().__init__()
        self.outgoing, self.settings, self.password = outgoing, settings, password
        self.cancelled = False

    def run(self) -> None:
        from planner.mail.sending import deliver
        from planner.mail.smtp import Connection, MailServerError

        connection = Connection(self.settings, self.password)
        try:
            connection.open()
        except MailServerError as exc:
            self.finished.emit(str(exc))
            return
        try:
            for n, item in enumerate(self.outgoing, start=1):
                if self.cancelled:
                    break
                self.delivered.emit(n, deliver(item, connection))
        finally:
            connection.close()
        self.finished.emit("")


class Sending(QObject):
    """One run of Send updates: the worker's thread, the progress dialog and the recorded deliveries."""

    done = Signal()

    def __init__(self, window, outgoing: list, settings: SmtpSettings, password: str | None):
        super().__init__(window)
        self.window, self.outgoing = window, outgoing
        self.deliveries: list = []
        self.error = ""
        self.thread = QThread(self)
        self.worker = SendWorker(outgoing, settings, password)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.delivered.connect(self._delivered)
        self.worker.finished.connect(self._finished)
        self.progress = QProgressDialog("Connecting to the mail server…", "Cancel", 0, len(outgoing), window)
        self.progress.setWindowTitle("Send updates")
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.cancel)

    def start(self) -> None:
        self.progress.show()
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancelled = True  # read by the worker between messages; the one on its way finishes

    def _delivered(self, n: int, delivery) -> None:
        from planner.mail.sending import record

        self.deliveries.append(delivery)
        changes = record(self.window.session.store, delivery)
        if changes:
            self.window.session.notify(changes)
        self.progress.setValue(n)
        self.progress.setLabelText(delivery.line())

    def _finished(self, error: str) -> None:
        self.error = error
        self.thread.quit()
        self.thread.wait()
        self.progress.reset()
        self.window.show_status(self.summary())
        if error or any(d.failed for d in self.deliveries):
            box = QMessageBox(QMessageBox.Icon.Warning, "Send updates", self.summary(), QMessageBox.StandardButton.Ok,
                              self.window)
            box.setObjectName("send_report")
            box.setInformativeText("\n".join(d.line() for d in self.deliveries if d.failed))
            box.open()
            self.window._send_report = box  # keep it alive while open
        self.done.emit()

    def summary(self) -> str:
        if self.error:
            return f"Nothing was sent: {self.error}."
        sent = sum(1 for d in self.deliveries if d.sent_to)
        failed = sum(len(d.failed) for d in self.deliveries)
        text = f"Sent {sent} of {len(self.outgoing)} message(s)"
        if len(self.deliveries) < len(self.outgoing):
            text += f" (cancelled after {len(self.deliveries)})"
        return text + (f"; {failed} recipient(s) failed and stay pending." if failed else ".")


def send_updates(window, meeting_ids: list[int] | None = None) -> Sending | None:
    """Work out what is due, ask for the mail server, and send it off the window's thread."""
    from planner.domain.invitations import ExportError, Scope
    from planner.mail.sending import prepare
    from planner.mail.smtp import MailServerError, password_for, save_password

    session = window.session
    if session.visit_id is None:
        window.show_status("Open a visit first.")
        return None
    scope = Scope(meeting_ids=tuple(meeting_ids)) if meeting_ids else Scope(visit_id=session.visit_id)
    try:
        outgoing, notes = prepare(session.store, scope, pending_only=True)
    except ExportError as exc:
        QMessageBox.warning(window, "Send updates", f"Nothing was sent: {exc}.")
        return None
    if not outgoing:
        window.show_status("Nothing to send: every attendee has the latest version.")
        return None
    people = {p.id for item in outgoing for p in item.people}
    summary = f"{len(outgoing)} message(s) to {len(people)} people: " + "; ".join(
        item.describe() for item in outgoing[:5]) + ("; …" if len(outgoing) > 5 else "")
    dialog = SmtpDialog(summary, getattr(window, "settings", None), window)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.host.text().strip():
        window.show_status("Nothing was sent.")
        return None
    settings = dialog.chosen()
    dialog.remember_settings()
    password = dialog.password.text() or password_for(settings)
    if dialog.password.text() and dialog.remember.isChecked():
        try:
            save_password(settings, dialog.password.text())
        except MailServerError as exc:
            window.show_status(f"The password was not kept: {exc}.")
    sending = Sending(window, outgoing, settings, password)
    window._sending = sending  # alive until it is done
    sending.start()
    return sending
