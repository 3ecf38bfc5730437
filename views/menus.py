"""The command menu and descriptions Telegram shows, one set per language."""

from __future__ import annotations

from telegram import Bot, BotCommand

from bot.i18n import Translator, Translators
from dispatch.locales import SUPPORTED_LOCALES
from views import common_texts


def commands_for(t: Translator) -> list[BotCommand]:
    return [BotCommand(name, t.gettext(description)) for name, description in common_texts.COMMANDS]


async def publish_menus(bot: Bot, translators: Translators, default_locale: str) -> None:
    """Each language its own menu and description; users of other languages get the default."""
    targets: list[tuple[str | None, Translator]] = [
        (code, translators[code]) for code in SUPPORTED_LOCALES
    ]
    targets.append((None, translators[default_locale]))
    for language_code, t in targets:
        await bot.set_my_commands(commands_for(t), language_code=language_code)
        await bot.set_my_description(common_texts.bot_description(t), language_code=language_code)
        await bot.set_my_short_description(
            common_texts.bot_short_description(t), language_code=language_code
        )
