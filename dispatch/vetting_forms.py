"""The one question a dispatcher answers when refusing or suspending a host: why."""

from __future__ import annotations

from dispatch.forms import Field, Form, Kind

REASON_LENGTH = 300

REJECT = Form("reject", (Field("reason", Kind.PARAGRAPH, max_length=REASON_LENGTH),))
SUSPEND = Form("suspend", (Field("reason", Kind.PARAGRAPH, max_length=REASON_LENGTH),))
