"""The ordered registry of every handler; nothing registers itself by being imported.

Group -10 runs before any feature (skip duplicates, load the user and language); group 0 holds
the features, first match wins; group 100 runs last and records the update as processed.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import callbacks
from handlers import (
    appeals,
    blocking,
    board,
    edits,
    errors,
    fallback,
    form_answers,
    guard,
    guest,
    help,
    helpdesk,
    host,
    incidents,
    language,
    meeting,
    membership,
    menu,
    offer,
    overrides,
    privacy,
    rides,
    roles,
    round,
    sites_admin,
    start,
    stats,
    status,
    vetting,
    walkin,
)
from handlers.buttons import button
from handlers.flows import FlowRegistry
from views import rides_keys

PRIVATE_MESSAGE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


def build_flows() -> FlowRegistry:
    """Every form's flow: what the bot asks, in which order, and what completes it."""
    flows = FlowRegistry()
    for feature in (host, offer, guest, walkin, round):
        feature.install_flows(flows)
    for module in (sites_admin, vetting, overrides, appeals, incidents, blocking):
        module.install_flows(flows)
    for module in (meeting, helpdesk, rides):
        module.install_flows(flows)
    return flows


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.bot_data.flows = build_flows()
    application.add_handler(TypeHandler(Update, guard.load_user), group=-10)
    # A blocked person is answered here, before any feature (staff never are).
    application.add_handler(TypeHandler(Update, blocking.gate), group=-9)

    features = [
        # Commands.
        CommandHandler("start", start.start, filters=PRIVATE_MESSAGE),
        CommandHandler("language", language.ask_language, filters=PRIVATE_MESSAGE),
        CommandHandler("help", help.show_help, filters=PRIVATE_MESSAGE),
        CommandHandler("cancel", help.cancel, filters=PRIVATE_MESSAGE),
        CommandHandler("status", status.status_command, filters=PRIVATE_MESSAGE),
        CommandHandler("offer", offer.offer_command, filters=PRIVATE_MESSAGE),
        CommandHandler("profile", host.profile_command, filters=PRIVATE_MESSAGE),
        CommandHandler("walkin", walkin.walkin_command, filters=PRIVATE_MESSAGE),
        # Dispatchers: vetting, tonight's board.
        CommandHandler(("vetting", "approve"), vetting.queue_command, filters=PRIVATE_MESSAGE),
        CommandHandler("hosts", vetting.hosts_command, filters=PRIVATE_MESSAGE),
        CommandHandler("board", board.board_command, filters=PRIVATE_MESSAGE),
        CommandHandler("dispatchers", roles.dispatchers_command, filters=PRIVATE_MESSAGE),
        CommandHandler("appeal", appeals.appeal_command, filters=PRIVATE_MESSAGE),
        CommandHandler("appeals", appeals.settings_command, filters=PRIVATE_MESSAGE),
        CommandHandler("sites", sites_admin.sites_command, filters=PRIVATE_MESSAGE),
        CommandHandler("close", round.close_command, filters=PRIVATE_MESSAGE),
        CommandHandler("stats", stats.stats_command, filters=PRIVATE_MESSAGE),
        # Privacy: anyone may see or erase what we keep about them.
        CommandHandler("mydata", privacy.mydata_command, filters=PRIVATE_MESSAGE),
        CommandHandler("forget", privacy.forget_command, filters=PRIVATE_MESSAGE),
        # Trust: anyone reports a problem; dispatchers handle incidents and block.
        CommandHandler("report", incidents.report_command, filters=PRIVATE_MESSAGE),
        CommandHandler("incidents", incidents.incidents_command, filters=PRIVATE_MESSAGE),
        CommandHandler("block", blocking.block_command, filters=PRIVATE_MESSAGE),
        CommandHandler("unblock", blocking.unblock_command, filters=PRIVATE_MESSAGE),
        # The meeting: help nearby for anyone; slots and the directory for a site's dispatchers.
        CommandHandler("nearby", helpdesk.nearby_command, filters=PRIVATE_MESSAGE),
        CommandHandler("directory", helpdesk.directory_command, filters=PRIVATE_MESSAGE),
        CommandHandler("slots", meeting.slots_command, filters=PRIVATE_MESSAGE),
        # Rides: a dispatcher moves a ride to another driver.
        CommandHandler("ride", rides.ride_command, filters=PRIVATE_MESSAGE),
        # Buttons, by area of their callback code.
        CallbackQueryHandler(language.choose_language, pattern=callbacks.pattern("lang")),
        CallbackQueryHandler(menu.choose_role, pattern=callbacks.pattern("role")),
        CallbackQueryHandler(menu.back_to_menu, pattern=callbacks.pattern("menu")),
        CallbackQueryHandler(form_answers.on_button, pattern=callbacks.pattern("f")),
        CallbackQueryHandler(form_answers.on_draft_button, pattern=callbacks.pattern("draft")),
        # Tonight's offer and the weekly pattern: buttons of the host's area, handled apart.
        CallbackQueryHandler(offer.on_button, pattern=callbacks.pattern("host", offer.ACTIONS)),
        CallbackQueryHandler(host.on_button, pattern=callbacks.pattern("host")),
        CallbackQueryHandler(guest.on_button, pattern=callbacks.pattern("guest")),
        CallbackQueryHandler(walkin.on_button, pattern=callbacks.pattern("walkin")),
        CallbackQueryHandler(vetting.on_button, pattern=callbacks.pattern("vet")),
        # Approve buttons sent before the vetting queue existed.
        CallbackQueryHandler(vetting.on_button, pattern=callbacks.pattern("admin")),
        CallbackQueryHandler(
            overrides.on_button, pattern=callbacks.pattern("board", overrides.ACTIONS)
        ),
        CallbackQueryHandler(board.on_button, pattern=callbacks.pattern("board")),
        CallbackQueryHandler(roles.on_button, pattern=callbacks.pattern("roles")),
        CallbackQueryHandler(appeals.on_button, pattern=callbacks.pattern("appeal")),
        CallbackQueryHandler(sites_admin.on_button, pattern=callbacks.pattern("site")),
        CallbackQueryHandler(round.on_button, pattern=callbacks.pattern("match")),
        CallbackQueryHandler(stats.on_button, pattern=callbacks.pattern("stats")),
        CallbackQueryHandler(privacy.on_button, pattern=callbacks.pattern("privacy")),
        CallbackQueryHandler(
            blocking.on_incident_button, pattern=callbacks.pattern("incident", ("block",))
        ),
        CallbackQueryHandler(incidents.on_button, pattern=callbacks.pattern("incident")),
        CallbackQueryHandler(meeting.on_button, pattern=callbacks.pattern("meet")),
        CallbackQueryHandler(helpdesk.on_button, pattern=callbacks.pattern("near")),
        # Rides: typed buttons, one handler per action.
        button(rides_keys.RideAnswer, rides.on_answer),
        button(rides_keys.RidePickup, rides.on_pickup),
        button(rides_keys.RideArrived, rides.on_arrived),
        button(rides_keys.RideCome, rides.on_come),
        button(rides_keys.RideMove, rides.on_move),
        # Membership changes (the user blocked or unblocked the bot).
        ChatMemberHandler(membership.track_blocking, ChatMemberHandler.MY_CHAT_MEMBER),
        # An edited message is read by nobody: say so, so that a correction is sent again.
        MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE, edits.on_edited
        ),
        # Whatever is left: a helpful answer, never silence.
        MessageHandler(PRIVATE_MESSAGE & filters.COMMAND, fallback.unknown_command),
        MessageHandler(PRIVATE_MESSAGE & filters.TEXT, form_answers.on_text),
        # A shared location answers a form's location question (a site's meeting point).
        MessageHandler(PRIVATE_MESSAGE & filters.LOCATION, sites_admin.on_location),
        MessageHandler(PRIVATE_MESSAGE, fallback.not_text),
        CallbackQueryHandler(fallback.expired_button),
    ]
    application.add_handlers(features, group=0)

    # A press its feature left unanswered (a malformed or unknown code) must not keep spinning;
    # answer() does nothing for a press already answered.
    application.add_handler(CallbackQueryHandler(fallback.expired_button), group=99)
    application.add_handler(TypeHandler(Update, guard.mark_processed), group=100)
    application.add_error_handler(errors.on_error)
