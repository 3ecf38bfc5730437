"""What we promise guests before storing anything about them."""

from __future__ import annotations

# Raise when the privacy notice changes: guests are asked to agree again.
CONSENT_VERSION = 1
# Nightly records are deleted after this many days; only anonymous counts remain.
RETENTION_DAYS = 14
