"""A real SMTP server on the loopback address (aiosmtpd), started by the tests, that keeps what it receives."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

REFUSED = "refused@example.org"


class Mailbox:
    """Accepts every message; refuses REFUSED; hangs up during DATA of the message numbered ``drop_at``."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.drop_at: int | None = None
        self.data_count = 0
        self.logins: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() == REFUSED:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_count += 1
        if self.drop_at == self.data_count:
            server.transport.close()  # the server goes away half-way through the conversation
            return "421 Going away"
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mail_server():
    """(mailbox, 'host:port') of a running SMTP server that wants the login office / secret."""
    mailbox = Mailbox()

    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.password == b"secret":
            mailbox.logins.append(auth_data.login.decode())
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, authenticator=authenticate,
                            auth_require_tls=False, auth_required=False)
    controller.start()
    try:
        yield mailbox, f"127.0.0.1:{port}"
    finally:
        controller.stop()
