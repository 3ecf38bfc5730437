"""The two things typed during a ride: the host's address for tonight and the pickup code
the driver checks."""

from __future__ import annotations

from dispatch.forms import Field, Form, Kind

ADDRESS = Form("ride_address", (Field("address", Kind.TEXT, max_length=200),))
CODE = Form("ride_code", (Field("code", Kind.TEXT, max_length=12),))
