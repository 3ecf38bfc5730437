"""The drivers: their own side (home, registration, shifts, pattern) and the dispatchers'
vetting of drivers. A package so that its parts may share the driver's look-ups; it imports
no other handler."""

from __future__ import annotations

from handlers.driving import home, shifts, vetting

__all__ = ["home", "install_flows", "shifts", "vetting"]
from handlers.flows import FlowRegistry


def install_flows(registry: FlowRegistry) -> None:
    home.install_flows(registry)
    shifts.install_flows(registry)
