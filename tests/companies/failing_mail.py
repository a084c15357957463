"""A mail backend that always fails, to test that a failed send is kept and retried."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server refused the connection.")
