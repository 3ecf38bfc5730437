"""An offline Telegram Bot API emulator for end-to-end tests of the bot.

Start a ``BotApiEmulator``, point PTB's ``base_url`` at ``emu.base_url`` and drive the
conversation with ``emu.user(...)`` / ``emu.group(...)``.
"""

from emulator.bot_message import BotMessage
from emulator.driver import FakeGroup, FakeUser
from emulator.errors import ApiError
from emulator.limits import RateLimits
from emulator.server import BotApiEmulator

__all__ = ["ApiError", "BotApiEmulator", "BotMessage", "FakeGroup", "FakeUser", "RateLimits"]
