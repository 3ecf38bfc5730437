"""Languages people speak (far more than the four the bot is written in).

Each is named in its own script so a guest recognises theirs without reading ours.
"""

from __future__ import annotations

SPOKEN: dict[str, str] = {
    "ar": "العربية",
    "en": "English",
    "fr": "Français",
    "nl": "Nederlands",
    "ti": "ትግርኛ",
    "am": "አማርኛ",
    "so": "Soomaali",
    "om": "Afaan Oromoo",
    "ps": "پښتو",
    "fa": "فارسی / دری",
    "ku": "Kurdî",
    "es": "Español",
}
