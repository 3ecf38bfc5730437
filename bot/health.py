"""The health check: `GET /healthz` on HEALTH_PORT, and the probe `nightdispatch health` runs.

A process can be alive and useless: the database gone read-only, or the evening tick stuck,
so no round would close tonight. The endpoint answers 200 only when the database answers and
the tick ran recently; Docker's HEALTHCHECK and monitoring read the same answer.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from apscheduler.events import EVENT_JOB_EXECUTED  # type: ignore[import-untyped]

from bot.context import App
from bot.state import AppState
from dispatch.notices import UNSENT
from jobs.ticks import TICK_SECONDS
from webapp.routes import BoardSite

HEALTH_PATH = "/healthz"
STALE_AFTER = timedelta(seconds=3 * TICK_SECONDS)  # three missed ticks: something is stuck
TICK_JOB = "evening-tick"


@dataclass
class HealthServer:
    """What the endpoint needs: the services, when it started, and when the tick last ran."""

    data: AppState
    started: datetime
    last_tick: datetime | None = None
    runner: web.AppRunner | None = field(default=None, repr=False)

    async def report(self) -> tuple[int, dict[str, Any]]:
        """(HTTP status, body): 503 when the database fails or the tick is overdue."""
        body: dict[str, Any] = {"database": "ok", "last_tick": None, "outbox_pending": None}
        healthy = True
        try:
            counts = await self.data.store.outbox.counts()
            body["outbox_pending"] = sum(counts.get(s, 0) for s in UNSENT)
        except Exception as error:  # any failure of the database is the answer itself
            body["database"] = f"error: {type(error).__name__}"
            healthy = False
        now = self.data.clock()
        if self.last_tick is not None:
            body["last_tick"] = self.last_tick.isoformat(timespec="seconds")
        if now - (self.last_tick or self.started) > STALE_AFTER:
            body["tick"] = "overdue"
            healthy = False
        return (200 if healthy else 503), body

    def on_job(self, event: Any, tick_id: str) -> None:
        if event.job_id == tick_id:
            self.last_tick = self.data.clock()

    async def handle(self, request: web.Request) -> web.Response:
        status, body = await self.report()
        return web.json_response(body, status=status)


async def start_health(application: App) -> None:
    """Serve /healthz when HEALTH_PORT is set, and the dispatchers' board beside it when
    WEBAPP_URL is set; called from post_init once jobs exist."""
    data: AppState = application.bot_data
    if data.config.health_port is None:
        return
    server = HealthServer(data, started=data.clock())
    job_queue = application.job_queue
    ticks = job_queue.get_jobs_by_name(TICK_JOB) if job_queue is not None else ()
    if ticks and job_queue is not None:
        tick_id = ticks[0].job.id
        job_queue.scheduler.add_listener(
            lambda event: server.on_job(event, tick_id), EVENT_JOB_EXECUTED
        )
    app = web.Application()
    app.router.add_get(HEALTH_PATH, server.handle)
    if data.config.webapp_url:
        BoardSite(data, application, urlsplit(data.config.webapp_url).path).install(app)
    server.runner = web.AppRunner(app, access_log=None)
    await server.runner.setup()
    await web.TCPSite(server.runner, data.config.health_listen, data.config.health_port).start()
    data.health = server


async def stop_health(application: App) -> None:
    data: AppState = application.bot_data
    server, data.health = data.health, None
    if server is not None and server.runner is not None:
        await server.runner.cleanup()


def probe(port: int, host: str = "127.0.0.1", timeout: float = 5.0) -> tuple[int, str]:
    """(exit status, the line to print): 0 when the endpoint answers 200, else 1."""
    url = f"http://{host}:{port}{HEALTH_PATH}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 0, response.read().decode()
    except urllib.error.HTTPError as error:
        return 1, f"{error.code} {error.read().decode()}"
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return 1, f"no answer from {url} ({reason})"


def health_command(environ: Mapping[str, str], port: int | None, host: str) -> int:
    """`nightdispatch health`: print the endpoint's answer; exit 0 healthy, 1 not, 2 off."""
    if port is None:
        setting = environ.get("HEALTH_PORT", "").strip()
        if not setting.isdigit():
            print("nightdispatch: HEALTH_PORT is not set, so there is no health endpoint to ask")
            return 2
        port = int(setting)
    status, text = probe(port, host)
    print(text)
    return status
