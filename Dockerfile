# nightdispatch: the bot in a small image. Build: docker build -t nightdispatch .
# Run: see "Going live" in README.md (docker run with --env-file and a volume for /data).
# An exact release, not a moving tag: a rebuild gets the same Python and Debian until this changes.
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md requirements.lock ./
COPY bot ./bot
COPY dispatch ./dispatch
COPY emulator ./emulator
COPY handlers ./handlers
COPY jobs ./jobs
COPY locales ./locales
COPY storage ./storage
COPY tools ./tools
COPY usecases ./usecases
COPY views ./views
COPY webapp ./webapp
# Exactly the versions and files of requirements.lock (hashes checked), then the bot alone.
RUN pip install --require-hashes -r requirements.lock \
    && pip install --no-deps . \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin \
        nightdispatch \
    && mkdir -p /data \
    && chown nightdispatch:nightdispatch /data

# The database and its upgrade backups live on the volume; the container itself is disposable.
ENV DATABASE=/data/night.sqlite3 \
    HEALTH_PORT=8080
VOLUME ["/data"]
WORKDIR /data
USER nightdispatch

# 8443: the webhook server, only used when WEBHOOK_URL is set.
EXPOSE 8443
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["nightdispatch", "health"]
CMD ["nightdispatch", "run"]
