"""Markers applied by place and by name, so `-m "not e2e"` or `-m "not slow"` picks the fast
tests without anyone remembering to decorate a new one."""

from __future__ import annotations

from pathlib import Path

import pytest

E2E = Path(__file__).parent / "e2e"
# Tests that take three seconds or more even on an idle machine (`pytest --durations=25`), by
# function name, so they keep the mark when their file moves (scripts/refolder.py).
SLOW = frozenset(
    {
        "test_every_notice_arrives_once_and_people_get_answers_under_faults",
        "test_a_crash_mid_evening_loses_nothing_and_repeats_nothing",
        "test_a_saved_choice_survives_a_restart_of_the_bot_process",
        "test_a_form_survives_a_crash_of_the_bot_process",
        "test_a_request_without_the_right_secret_is_refused",
        "test_the_bot_answers_updates_pushed_to_its_webhook",
        "test_the_images_files_alone_run_the_bot",
        "test_random_updates_never_break_the_bot",
        "test_the_process_exits_with_one_line_when_the_token_is_rejected",
        "test_a_restart_mid_appeal_sends_nobody_twice_and_misses_nobody",
        "test_an_appeal_reaches_hosts_in_their_language_and_one_tap_offers_beds",
        "test_every_host_gets_the_appeal_once_and_the_progress_is_edited_in_place",
        "test_the_demo_evening_runs_and_breaks_no_rule",
        "test_the_cli_chats_through_a_pipe_and_exits_cleanly",
        "test_a_french_host_registers_to_the_charter_and_picks_options_by_number",
        "test_an_arabic_guest_reads_reordered_text_asks_by_number_and_gets_a_host",
        "test_parse_never_raises",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(E2E):
            item.add_marker(pytest.mark.e2e)
        if getattr(item, "originalname", item.name) in SLOW:
            item.add_marker(pytest.mark.slow)
