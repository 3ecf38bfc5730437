"""Bot API calls over aiohttp instead of PTB's default httpx.

At an evening's 50 updates/s, two thirds of the bot's CPU time went into httpx and httpcore
(benchmarks/throughput.py, under py-spy): every update costs one getUpdates and one or two
sends, and each call built, sent and closed its request through several layers of pure Python.
aiohttp, already here for the webhook server and the health check, parses HTTP in C. PTB takes
any `BaseRequest`; this one maps errors as PTB's own HTTPXRequest does (a timeout is TimedOut,
any other failure to reach Telegram is NetworkError), so retries, 429 handling and the outbox
behave exactly as before. A proxy comes from HTTPS_PROXY / NO_PROXY, as it did with httpx.
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

MEDIA_WRITE_TIMEOUT = 20.0  # PTB's default for uploads (charts, CSV exports, posters)


class AiohttpRequest(BaseRequest):
    """One aiohttp session and its connection pool, for the calls of one `Bot`."""

    def __init__(
        self,
        *,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str] = {}
        self._proxy_for: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        # The proxy settings are read once: aiohttp's trust_env reads them, and ~/.netrc, on
        # every call, which cost 3 ms per update (benchmarks/throughput.py: 1.07× → 1.68×).
        self._proxies = urllib.request.getproxies()
        self._proxy_for = {}
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """See `BaseRequest.do_request`."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        timeout = self._timeout(
            read_timeout, write_timeout, connect_timeout, pool_timeout, uploads=bool(files)
        )
        body: aiohttp.FormData | dict[str, str] | None = fields
        if files:
            body = aiohttp.FormData(fields or {})
            for name, (filename, content, mime_type) in files.items():
                body.add_field(name, content, filename=filename, content_type=mime_type)
        try:
            async with session.request(
                method, url, data=body, timeout=timeout, proxy=self._proxy(url)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            # The class name helps when the message is empty, as PTB's HTTPXRequest does.
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error

    def _proxy(self, url: str) -> str | None:
        """HTTPS_PROXY / HTTP_PROXY for this URL's scheme unless NO_PROXY names its host."""
        if not self._proxies:
            return None
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        if key not in self._proxy_for:
            proxy = self._proxies.get(parts.scheme)
            bypass = proxy is not None and urllib.request.proxy_bypass(parts.hostname or "")
            self._proxy_for[key] = None if bypass else proxy
        return self._proxy_for[key]

    def _timeout(
        self,
        read: ODVInput[float],
        write: ODVInput[float],
        connect: ODVInput[float],
        pool: ODVInput[float],
        *,
        uploads: bool,
    ) -> aiohttp.ClientTimeout:
        """PTB's four timeouts in aiohttp's terms. aiohttp has no write timeout; an upload's
        (PTB gives uploads a longer one) widens the read timeout instead."""
        read_s = self._read_timeout if isinstance(read, DefaultValue) else read
        default_write = MEDIA_WRITE_TIMEOUT if uploads else self._write_timeout
        write_s = default_write if isinstance(write, DefaultValue) else write
        connect_s = self._connect_timeout if isinstance(connect, DefaultValue) else connect
        pool_s = self._pool_timeout if isinstance(pool, DefaultValue) else pool
        waiting = read_s
        if uploads and read_s is not None:
            waiting = None if write_s is None else read_s + write_s
        connecting = None if connect_s is None or pool_s is None else connect_s + pool_s
        return aiohttp.ClientTimeout(total=None, connect=connecting, sock_read=waiting)
