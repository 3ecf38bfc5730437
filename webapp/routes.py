"""The board's HTTP face: the page and its assets, the JSON it reads, the stream it follows.

Every /api request is signed (webapp.auth); site ids are checked against the dispatcher's
sites on every call, streams included. Nothing personal appears in a URL or a log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import zlib
from html import escape
from importlib import resources
from typing import Any

from aiohttp import web

from bot.context import App
from bot.i18n import N_
from bot.sites import tonight
from bot.state import AppState
from dispatch.locales import SUPPORTED_LOCALES as LOCALES
from webapp import actions, board_data, live, strings
from webapp.auth import Viewer, number, site_for, viewer
from webapp.live import LiveBoards

HEARTBEAT_SECONDS = 15.0
NO_ACCESS = N_("Open this page from the bot in Telegram.")
ASSETS = {"board.js": "text/javascript", "board.css": "text/css"}
_NO_STORE = {"Cache-Control": "no-store"}


class BoardSite:
    """The routes of one bot's board, under `base` (the path of WEBAPP_URL)."""

    def __init__(self, data: AppState, application: App, base: str) -> None:
        self.data = data
        self.application = application
        self.base = base.rstrip("/")
        self.live = LiveBoards()
        self._encoded: dict[int, tuple[str, bytes]] = {}

    def install(self, app: web.Application) -> None:
        base = self.base
        app.router.add_get(f"{base}/", self.page)
        app.router.add_get(f"{base}/assets/{{name}}", self.asset)
        app.router.add_get(f"{base}/api/me", self.me)
        app.router.add_get(f"{base}/api/board", self.board)
        app.router.add_get(f"{base}/api/events", self.events)
        app.router.add_get(f"{base}/api/targets", self.targets)
        for name in actions.ACTIONS:
            app.router.add_post(f"{base}/api/{name}", self.act)
        app.on_shutdown.append(lambda _: self.live.close())

    async def page(self, request: web.Request) -> web.Response:
        """The page holds no data: it comes signed from /api, with the dispatcher's words. Only
        the sentence for a page opened outside Telegram is here, in every language."""
        unsigned = {code: self.data.translators[code].gettext(NO_ACCESS) for code in LOCALES}
        html = (
            _static("index.html")
            .replace("{base}", self.base)
            .replace("{unsigned}", escape(json.dumps(unsigned, ensure_ascii=False)))
        )
        headers = {**_NO_STORE, "Content-Security-Policy": _CSP, "Referrer-Policy": "no-referrer"}
        return web.Response(text=html, content_type="text/html", headers=headers)

    async def asset(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in ASSETS:
            raise web.HTTPNotFound()
        return web.Response(
            text=_static(name), content_type=ASSETS[name], headers={"Cache-Control": "no-cache"}
        )

    async def me(self, request: web.Request) -> web.Response:
        """The dispatcher's words, direction and the sites they may watch."""
        seen = await viewer(request, self.data)
        sites = [
            {"id": s.id, "name": s.name}
            for s in await self.data.store.sites.all()
            if seen.may_dispatch(self.data, s.id)
        ]
        return _json({**strings.page_strings(seen.t), "sites": sites})

    async def board(self, request: web.Request) -> web.Response:
        seen = await viewer(request, self.data)
        site = await site_for(self.data, seen, number(request.query, "site"))
        now = self.data.clock()
        body = await board_data.board(self.data.store, site, tonight(site, now)[0], now)
        return _json(body)

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events over a signed fetch: the board now, then each time it changes."""
        seen = await viewer(request, self.data)
        site = await site_for(self.data, seen, number(request.query, "site"))
        packer = _Packer("gzip" in request.headers.get("Accept-Encoding", ""))
        headers = {**_NO_STORE, "Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
        if packer.gzip:
            headers["Content-Encoding"] = "gzip"
        response = web.StreamResponse(headers=headers)
        await response.prepare(request)
        store, clock = self.data.store, self.data.clock

        async def mark() -> tuple[object, ...]:
            now = clock()
            night = tonight(site, now)[0]
            minute = now.replace(second=0, microsecond=0)  # waiting times and late pickups
            return (night, minute, *await store.board.change_mark(site.id, night))

        async def build() -> dict[str, Any]:
            now = clock()
            return await board_data.board(store, site, tonight(site, now)[0], now)

        async with self.live.follow(site.id, mark, build) as queue:
            with contextlib.suppress(ConnectionResetError):  # the page was closed
                await self._stream(response, packer, queue, seen, site.id)
        return response

    async def _stream(
        self,
        response: web.StreamResponse,
        packer: _Packer,
        queue: asyncio.Queue[dict[str, Any]],
        seen: Viewer,
        site_id: int,
    ) -> None:
        while True:
            try:
                board = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
            except TimeoutError:
                await response.write(packer.pack(b": still here\n\n"))
                continue
            if board is live.END or not await self._still_allowed(seen, site_id):
                return
            await response.write(packer.pack(self._event(site_id, board)))

    def _event(self, site_id: int, board: dict[str, Any]) -> bytes:
        """The board as an event, encoded once for all the pages of its site."""
        version, encoded = self._encoded.get(site_id, ("", b""))
        if version != board["version"]:
            encoded = f"data: {json.dumps(board)}\n\n".encode()
            self._encoded[site_id] = (board["version"], encoded)
        return encoded

    async def _still_allowed(self, seen: Viewer, site_id: int) -> bool:
        """A dispatcher whose role or sites changed stops receiving at the next change."""
        account = await self.data.store.users.get(seen.account.user_id) or seen.account
        return Viewer(account, seen.t).may_dispatch(self.data, site_id)

    async def targets(self, request: web.Request) -> web.Response:
        seen = await viewer(request, self.data)
        return _json(await actions.targets(self, seen, number(request.query, "request")))

    async def act(self, request: web.Request) -> web.Response:
        seen = await viewer(request, self.data)
        try:
            values = await request.json()
        except (ValueError, UnicodeDecodeError):
            values = None
        if not isinstance(values, dict):
            raise web.HTTPBadRequest(text='{"error": "a JSON object is expected"}')
        name = request.path.rsplit("/", 1)[-1]
        return _json(await actions.ACTIONS[name](self, seen, values))


_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
    " img-src 'self' data:; base-uri 'none'; form-action 'none'"
)


class _Packer:
    """One gzip stream per page, flushed at each event: a board resent after a change costs
    a few kilobytes, since it mostly repeats the one before (aiohttp's own compression would
    hold the events back until the stream ends)."""

    def __init__(self, gzip: bool) -> None:
        self.gzip = gzip
        self._zip = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS) if gzip else None

    def pack(self, data: bytes) -> bytes:
        if self._zip is None:
            return data
        return self._zip.compress(data) + self._zip.flush(zlib.Z_SYNC_FLUSH)


def _json(body: Any) -> web.Response:
    response = web.json_response(body, headers=_NO_STORE)
    response.enable_compression()
    return response


def _static(name: str) -> str:
    return resources.files("webapp").joinpath("static", name).read_text(encoding="utf-8")
