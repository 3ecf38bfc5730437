"""Every question of every registered form has its text, in every language."""

from __future__ import annotations

from pathlib import Path

from bot.app import build_application
from bot.config import Config
from bot.i18n import Translators
from dispatch.locales import SUPPORTED_LOCALES
from handlers import build_flows
from views.form_view import question


def test_every_field_of_every_flow_has_a_question(tmp_path: Path) -> None:
    build_application(Config(token="1:T", database=tmp_path / "f.sqlite3"))  # registers flows
    translators = Translators.load()
    flows = list(build_flows()._flows.values())
    assert len(flows) > 10
    for flow in flows:
        for field in flow.form.fields:
            for locale in SUPPORTED_LOCALES:
                assert question(translators[locale], flow.form, field), (flow.form.name, field)
