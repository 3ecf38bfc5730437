"""The dispatchers' live board as a Telegram Mini App, served by the bot's own aiohttp server.

Every request carries Telegram's signed initData; the page reads figures and lists as JSON,
follows changes over a streamed response, and sends the chat board's overrides through the
same use cases as the chat.
"""
