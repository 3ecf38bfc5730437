"""Bot API method implementations; importing this package registers all of them."""

from emulator.methods import chat, edit, meta, polling, send
from emulator.methods.registry import MethodSpec, Params, lookup

__all__ = ["MethodSpec", "Params", "chat", "edit", "lookup", "meta", "polling", "send"]
