"""How updates reach the bot: long polling by default, or a webhook when WEBHOOK_URL is set."""

from __future__ import annotations

from urllib.parse import urlsplit

from telegram import Update

from bot.config import Config
from bot.context import App


def serve(application: App, config: Config) -> None:
    """Run until SIGINT/SIGTERM. A webhook needs a public https URL (usually a reverse proxy
    in front of WEBHOOK_LISTEN:WEBHOOK_PORT); polling needs nothing but outgoing traffic."""
    if not config.webhook_url:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
        return
    application.run_webhook(
        listen=config.webhook_listen,
        port=config.webhook_port,
        # The proxy forwards the public path unchanged, so the server listens on the same one.
        url_path=urlsplit(config.webhook_url).path,
        webhook_url=config.webhook_url,
        secret_token=config.webhook_secret,
        allowed_updates=Update.ALL_TYPES,
    )
