"""The emulated Bot API server: HTTP plumbing, token check, faults, and the test handles.

``BotApiEmulator`` is the one object a test creates. The bot talks to it over real HTTP on
127.0.0.1 (PTB unmodified, only ``base_url`` changed); the test talks to it in-process through
``user()``, ``group()`` and the recorded ``calls`` and settings.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from emulator.driver import FakeGroup, FakeUser
from emulator.errors import ApiError
from emulator.faults import Faults, duplicates
from emulator.limits import RateLimiter, RateLimits
from emulator.methods import MethodSpec, Params, lookup
from emulator.params import read_params, recordable
from emulator.state import EmulatorState, JsonDict
from emulator.webhook import WebhookPusher

_LOG = logging.getLogger(__name__)
_MAX_UPLOAD = 50 * 1024 * 1024
_UNSET: Any = object()


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.payload(), status=error.error_code)


class BotApiEmulator:
    """A Telegram Bot API look-alike on 127.0.0.1 plus a driver for fake users."""

    def __init__(
        self,
        *,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "nightdispatch_bot",
        bot_first_name: str = "Night Dispatch",
        port: int = 0,
        rate_limits: RateLimits | None = None,
        clock: Callable[[], float] = time.time,
        faults: Faults | None = None,
    ) -> None:
        self.token = token
        self.state = EmulatorState(token, bot_username, bot_first_name, clock)
        self._requested_port = port
        self._port: int | None = None
        self._limiter = RateLimiter(rate_limits, clock) if rate_limits else None
        self._faults: dict[str, deque[ApiError]] = {}
        self.faults = faults  # random 429/500/timeouts on sending methods; None: none
        self._runner: web.AppRunner | None = None
        self._webhook = WebhookPusher(self.state)
        self._users: dict[int, FakeUser] = {}
        self._groups: dict[int, FakeGroup] = {}

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Bind 127.0.0.1:port (0 picks a free port; a restart reuses the old port)."""
        self.state.updates.reopen()
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        await runner.setup()
        port = self._port if self._port is not None else self._requested_port
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        self._webhook.start()

    async def stop(self) -> None:
        """End running long polls, then close the server."""
        await self._webhook.stop()
        self.state.updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The bound port; valid once started (and kept across stop/start)."""
        if self._port is None:
            raise RuntimeError("the emulator is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """The value for PTB's ``base_url`` (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # -- HTTP side -------------------------------------------------------------------------

    async def _not_found(self, request: web.Request) -> web.Response:
        return _error_response(ApiError(404, "Not Found"))

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(ApiError(401, "Unauthorized"))
        name = request.match_info["method"]
        try:
            params = await read_params(request)
        except (ValueError, UnicodeDecodeError) as exc:
            _LOG.warning("unreadable request for %s: %s", name, exc)
            return _error_response(ApiError.bad_request("can't parse request parameters"))
        spec = lookup(name)
        self.state.calls.append((spec.name if spec else name, recordable(params)))
        try:
            result = await self._call(name, spec, params)
        except ApiError as error:
            return _error_response(error)
        return web.json_response({"ok": True, "result": result})

    async def _call(self, name: str, spec: MethodSpec | None, params: Params) -> Any:
        faults = self._faults.get(name.lower())
        if faults:
            raise faults.popleft()
        if spec is None:
            raise ApiError(404, "Not Found")
        if spec.rate_limited and self.faults is not None:
            await self.faults.apply()
        chat_id = params.get("chat_id")
        if spec.rate_limited and self._limiter is not None and isinstance(chat_id, int):
            try:
                self._limiter.check(chat_id, paid=params.get("allow_paid_broadcast") is True)
            except ApiError:
                self.state.rate_limited += 1
                raise
        return await spec.handler(self.state, params)

    def drop_next(
        self, method: str, status: int = 500, retry_after: int | None = None, times: int = 1
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``status``."""
        queue = self._faults.setdefault(method.lower(), deque())
        queue.extend(ApiError.for_status(status, retry_after) for _ in range(times))

    # -- test side -------------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        language_code: str | None = _UNSET,
        last_name: str | None = _UNSET,
        username: str | None = _UNSET,
    ) -> FakeUser:
        """The fake user with this id (created on first call; later calls update fields).

        A new user's language_code defaults to "en"; pass None to omit it.
        """
        record = self.state.ensure_user(user_id, first_name or f"User{user_id}")
        if first_name is not None:
            record.first_name = first_name
        fresh = user_id not in self._users
        if language_code is not _UNSET or fresh:
            record.language_code = "en" if language_code is _UNSET else language_code
        if last_name is not _UNSET:
            record.last_name = last_name
        if username is not _UNSET:
            record.username = username
        if fresh:
            self._users[user_id] = FakeUser(self.state, record)
        return self._users[user_id]

    def group(self, chat_id: int, title: str | None = None) -> FakeGroup:
        """The fake group with this (negative) id; -100... ids are supergroups."""
        chat = self.state.ensure_group(chat_id, title or f"Group {chat_id}")
        if title is not None:
            chat.title = title
        if chat_id not in self._groups:
            self._groups[chat_id] = FakeGroup(self.state, chat)
        return self._groups[chat_id]

    @property
    def calls(self) -> list[tuple[str, JsonDict]]:
        """Every (method, params) the bot called, in order (uploads summarised)."""
        return self.state.calls

    @property
    def commands(self) -> dict[tuple[str, str], list[JsonDict]]:
        """setMyCommands lists keyed by (scope type, language_code or "")."""
        return self.state.commands

    @property
    def descriptions(self) -> dict[str, str]:
        """setMyDescription texts keyed by language_code ("" = all)."""
        return self.state.descriptions

    @property
    def short_descriptions(self) -> dict[str, str]:
        """setMyShortDescription texts keyed by language_code ("" = all)."""
        return self.state.short_descriptions

    @property
    def names(self) -> dict[str, str]:
        """setMyName names keyed by language_code ("" = all)."""
        return self.state.names

    @property
    def files(self) -> dict[str, bytes]:
        """Uploaded file contents keyed by the file_id the emulator assigned."""
        return self.state.files

    @property
    def updates_confirmed(self) -> int:
        """Highest update_id the bot confirmed through getUpdates' offset, or -1."""
        return self.state.updates.confirmed

    @property
    def rate_limited(self) -> int:
        """How many calls flood control answered with 429."""
        return self.state.rate_limited

    @property
    def posts(self) -> list[tuple[float, int]]:
        """(clock time, chat id) of every message the bot posted (edits excluded), in order."""
        return self.state.posts

    def messages_per_chat(self) -> Counter[int]:
        """How many messages the bot posted in each chat (edits excluded)."""
        return Counter(chat_id for _, chat_id in self.state.posts)

    def duplicates(self) -> dict[tuple[int, str], int]:
        """(chat, message content) the bot posted more than once, with the count."""
        return duplicates(self.state.chats.values())

    @property
    def webhook_deliveries(self) -> list[tuple[int, int]]:
        """(update_id, HTTP status, 0 when unreachable) of every webhook delivery attempt."""
        return self._webhook.deliveries

    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot."""
        return self.state.updates.pending_count()
