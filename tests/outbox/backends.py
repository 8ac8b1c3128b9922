from django.core.mail.backends.base import BaseEmailBackend


class SMTPDownBackend(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")
