"""An email backend for the worker-crash test (test_task_worker.py), used by a real
`manage.py task_worker` subprocess through DJANGO_EMAIL_BACKEND.

Before each message it writes `sending` in MITRA_TEST_OUTBOX and waits while the file
MITRA_TEST_MAIL_GATE exists (so the test can kill the worker in the middle of a send); then it
"sends": one file per message in the outbox, which the test counts."""

import os
import time
import uuid
from pathlib import Path
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        outbox = Path(os.environ["MITRA_TEST_OUTBOX"])
        gate = Path(os.environ["MITRA_TEST_MAIL_GATE"])
        sent = 0
        for message in email_messages:
            (outbox / "sending").write_text(message.subject)
            deadline = time.monotonic() + 120
            while gate.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            (outbox / f"{uuid.uuid4().hex}.eml").write_text(
                f"To: {', '.join(message.to)}\nSubject: {message.subject}\n"
            )
            sent += 1
        return sent
