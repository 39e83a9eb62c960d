"""The office's mail server: SMTP settings, the password in the system keyring, and one connection.

The password is never written to the database or the settings file: it comes
from the ``VISIT_PLANNER_SMTP_PASSWORD`` variable (for scripts) or from the
system keyring (Windows Credential Manager, macOS Keychain, Secret Service).
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

PASSWORD_VARIABLE = "VISIT_PLANNER_SMTP_PASSWORD"
KEYRING_SERVICE = "Visit Planner SMTP"
SECURITY = ("starttls", "ssl", "none")


class MailServerError(Exception):
    """The server cannot be reached or refuses us (connection, TLS, login); nothing was sent."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    security: str = "starttls"  # "starttls", "ssl" or "none"
    user: str = ""
    timeout: float = 30.0

    @classmethod
    def parse(cls, server: str, security: str = "starttls", user: str = "") -> SmtpSettings:
        """'mail.mfa.tj' or 'mail.mfa.tj:2525'; the port defaults to the usual one for the security."""
        host, _sep, port = server.strip().rpartition(":") if ":" in server else (server.strip(), "", "")
        if not host:
            raise ValueError(f"'{server}' names no mail server")
        if port and not port.isdigit():
            raise ValueError(f"'{port}' in '{server}' is not a port number")
        default = {"ssl": 465, "starttls": 587, "none": 25}[security]
        return cls(host, int(port) if port else default, security, user)

    @property
    def account(self) -> str:
        """How the password is named in the keyring: 'user@host'."""
        return f"{self.user}@{self.host}"


def password_for(settings: SmtpSettings) -> str | None:
    """The password from the environment, else from the keyring; None when there is none (or no user)."""
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    if not settings.user:
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, settings.account)
    except Exception:  # no keyring backend on this machine (a server, CI): as if nothing were stored
        return None


def save_password(settings: SmtpSettings, password: str) -> None:
    """Keep the password in the system keyring; raises MailServerError when there is no keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, settings.account, password)
    except Exception as exc:
        raise MailServerError(f"the password cannot be kept in the system keyring ({exc})") from None


class Connection:
    """One SMTP session: connect, secure, log in; send messages; reconnect after the server hangs up."""

    def __init__(self, settings: SmtpSettings, password: str | None):
        self.settings, self.password = settings, password
        self.smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        settings = self.settings
        try:
            if settings.security == "ssl":
                self.smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                             context=ssl.create_default_context())
            else:
                self.smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
                if settings.security == "starttls":
                    self.smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                if not self.password:
                    raise MailServerError(f"no password for {settings.account}: set {PASSWORD_VARIABLE} or keep "
                                          "it in the system keyring")
                self.smtp.login(settings.user, self.password)
        except MailServerError:
            self.close()
            raise
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise MailServerError(f"cannot use the mail server {settings.host}:{settings.port}: "
                                  f"{_reason(exc)}") from None

    def send(self, message: EmailMessage, sender: str, recipients: list[str]) -> dict[str, str]:
        """Send; returns the refused recipients with the server's reason (empty when all were accepted).

        Raises MailServerError when the message could not be handed over at all (the connection dropped).
        """
        if self.smtp is None:
            self.open()
        try:
            refused = self.smtp.send_message(message, from_addr=sender, to_addrs=recipients)
        except smtplib.SMTPRecipientsRefused as exc:
            return {address: _reason(answer) for address, answer in exc.recipients.items()}
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self.close()
            raise MailServerError(f"the mail server closed the connection ({_reason(exc)})") from None
        except smtplib.SMTPException as exc:
            self.reset()
            raise MailServerError(f"the mail server refused the message ({_reason(exc)})") from None
        return {address: _reason(answer) for address, answer in refused.items()}

    def reset(self) -> None:
        try:
            self.smtp.rset()
        except Exception:
            self.close()

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except Exception:
                pass
            self.smtp = None


def _reason(answer) -> str:
    """'550 No such user' from a (code, bytes) answer or an exception."""
    if isinstance(answer, tuple) and len(answer) == 2:
        code, text = answer
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"{code} {text}".strip()
    if isinstance(answer, smtplib.SMTPResponseException):
        return _reason((answer.smtp_code, answer.smtp_error))
    return str(answer) or type(answer).__name__
