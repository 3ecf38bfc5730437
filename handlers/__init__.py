"""The ordered registry of every handler; nothing registers itself by being imported.

Group -10 runs before any feature (skip duplicates, load the user and language); group 0 holds
the features, first match wins; group 100 runs last and records the update as processed.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import App
from handlers import (
    appeal_drivers,
    appeals,
    blocking,
    board,
    board_rides,
    driving,
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
from handlers.buttons import ButtonHandler, button
from handlers.driving import home as drive_home
from handlers.driving import shifts as drive_shifts
from handlers.driving import vetting as drive_vetting
from handlers.flows import FlowRegistry
from views import (
    appeal_keys,
    board_keys,
    common_keys,
    form_view,
    guest_keys,
    host_keys,
    incidents_keys,
    meeting_keys,
    privacy_keys,
    rides_keys,
    roles_keys,
    round_keys,
    sites_keys,
    stats_texts,
    vetting_keys,
)
from views import driver_callbacks as drive

PRIVATE_MESSAGE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


def build_flows() -> FlowRegistry:
    """Every form's flow: what the bot asks, in which order, and what completes it."""
    flows = FlowRegistry()
    for feature in (host, offer, guest, walkin, round, driving):
        feature.install_flows(flows)
    for module in (sites_admin, vetting, overrides, appeals, incidents, blocking):
        module.install_flows(flows)
    for module in (meeting, helpdesk, rides):
        module.install_flows(flows)
    return flows


def button_handlers() -> list[ButtonHandler]:
    """Every button action with its one handler (a press that does not unpack is answered as
    expired by `button`, or by the fallback when no action has its shape)."""
    common, guests, hosts = common_keys, guest_keys, host_keys
    return [
        # A longer prefix before the shorter one whose shape it also has (lang:menu, lang:ar).
        button(common.LanguageMenu, language.language_menu),
        button(common.ChooseLanguage, language.choose_language),
        button(common.ChooseDispatch, menu.choose_dispatch),
        button(common.ChooseRole, menu.choose_role),
        button(common.BackToMenu, menu.back_to_menu),
        button(common.DraftGo, form_answers.on_draft_go),
        button(common.DraftDrop, form_answers.on_draft_drop),
        button(form_view.FormPress, form_answers.on_button),
        # The guests' requests, and walk-ins registered by a dispatcher.
        button(guests.GuestAsk, guest.ask),
        button(guests.GuestChange, guest.ask),
        button(guests.GuestAgree, guest.agree),
        button(guests.GuestPrivacy, guest.privacy),
        button(guests.GuestRefuse, guest.refuse),
        button(guests.GuestWithdraw, guest.withdraw),
        button(guests.GuestWithdrawYes, guest.withdraw_confirmed),
        button(guests.GuestKeep, guest.keep),
        button(guests.WalkinNew, walkin.register_another),
        # The hosts: home and profile, then tonight's offer and the weekly pattern.
        button(hosts.HostRegister, host.register),
        button(hosts.HostMenu, host.menu),
        button(hosts.HostHome, host.home),
        button(hosts.HostProfilePage, host.profile),
        button(hosts.HostEdit, host.edit),
        button(hosts.HostPause, host.pause),
        button(hosts.HostResume, host.resume),
        button(hosts.HostOffer, offer.offer),
        button(hosts.HostWithdraw, offer.withdraw),
        button(hosts.HostWithdrawYes, offer.withdraw_confirmed),
        button(hosts.HostPattern, offer.start_pattern),
        button(hosts.HostUnpattern, offer.stop_pattern),
        button(hosts.RemindYes, offer.reminder_answered),
        button(hosts.RemindNo, offer.reminder_declined),
        # The evening round, the meeting and the morning after.
        button(round_keys.MatchYes, round.confirm_pressed),
        button(round_keys.MatchNo, round.decline_pressed),
        button(round_keys.MatchPickup, round.pickup_pressed),
        button(round_keys.MatchStop, round.stop_pressed),
        button(round_keys.MatchGood, round.good_pressed),
        button(round_keys.MatchProblem, round.problem_pressed),
        button(meeting_keys.MeetSlots, meeting.slots_pressed),
        button(meeting_keys.MeetAt, meeting.at_pressed),
        button(meeting_keys.MeetHere, meeting.here_pressed),
        button(meeting_keys.MeetSign, meeting.sign_pressed),
        button(meeting_keys.NearShow, helpdesk.show_pressed),
        button(meeting_keys.NearAdd, helpdesk.add_pressed),
        button(meeting_keys.NearRemove, helpdesk.remove_pressed),
        # Appeals: the recipients' answers, the dispatcher's preview.
        button(appeal_keys.AppealBeds, appeals.beds_pressed),
        button(appeal_keys.AppealOptOut, appeals.optout_pressed),
        button(appeal_keys.AppealSend, appeals.send_pressed),
        button(appeal_keys.AppealWiden, appeals.widen_pressed),
        button(appeal_keys.AppealDrop, appeals.drop_pressed),
        button(appeal_drivers.CanDrive, appeal_drivers.on_can_drive),
        button(appeal_drivers.DriverOptOut, appeal_drivers.on_opt_out),
        button(appeal_drivers.DriverAppeals, appeal_drivers.on_settings),
        # Trust and privacy.
        button(incidents_keys.IncidentReport, incidents.report_pressed),
        button(incidents_keys.IncidentDone, incidents.done_pressed),
        button(incidents_keys.IncidentBlock, blocking.on_incident_button),
        button(privacy_keys.PrivacyErase, privacy.erase_pressed),
        button(privacy_keys.PrivacyKeep, privacy.keep_pressed),
        # Dispatchers: tonight's board and its corrections, vetting, statistics.
        button(board_keys.BoardShow, board.show_pressed),
        button(board_keys.BoardWaiting, board.waiting_pressed),
        button(board_keys.BoardMatches, board.matches_pressed),
        button(board_keys.BoardHosts, board.hosts_pressed),
        button(board_rides.ShowRides, board_rides.on_show),
        button(board_keys.BoardRerun, overrides.rerun_pressed),
        button(board_keys.BoardClose, overrides.close_pressed),
        button(board_keys.BoardMove, overrides.move_pressed),
        button(board_keys.BoardMoveTo, overrides.move_to_pressed),
        button(board_keys.BoardTakeOut, overrides.take_out_pressed),
        button(board_keys.BoardTakeOutYes, overrides.take_out_confirmed),
        button(vetting_keys.VetCard, vetting.card_pressed),
        button(vetting_keys.VetApprove, vetting.approve_pressed),
        button(vetting_keys.AdminApprove, vetting.approve_pressed),
        button(vetting_keys.VetApproveYes, vetting.approve_confirmed),
        button(vetting_keys.VetReinstate, vetting.approve_confirmed),
        button(vetting_keys.VetReject, vetting.reject_pressed),
        button(vetting_keys.VetSuspend, vetting.suspend_pressed),
        button(stats_texts.StatsCsv, stats.csv_pressed),
        # Admins: dispatcher roles and sites.
        button(roles_keys.RolesInvite, roles.invite_pressed),
        button(roles_keys.RolesRevoke, roles.revoke_pressed),
        button(sites_keys.SiteList, sites_admin.list_pressed),
        button(sites_keys.SiteOpen, sites_admin.open_pressed),
        button(sites_keys.SiteAdd, sites_admin.add_pressed),
        button(sites_keys.SiteEdit, sites_admin.edit_pressed),
        button(sites_keys.SiteText, sites_admin.text_pressed),
        # Drivers: home, tonight's shift, the weekly pattern; their vetting by a site.
        button(drive.DriveHome, drive_home.on_home),
        button(drive.DriveRegister, drive_home.on_register),
        button(drive.DriveShift, drive_shifts.on_shift),
        button(drive.DriveWithdraw, drive_shifts.on_withdraw),
        button(drive.DrivePattern, drive_shifts.on_pattern),
        button(drive.DriveReminder, drive_shifts.on_reminder),
        button(drive.DriversOfSite, drive_vetting.on_site),
        button(drive.DriverDecision, drive_vetting.on_decision),
        button(drive.CarRule, drive_vetting.on_car_rule),
        button(drive.DriverBlock, drive_vetting.on_block),
        # Rides: the driver's answer, the pickup, the arrival, the host coming after all, a move.
        button(rides_keys.RideAnswer, rides.on_answer),
        button(rides_keys.RidePickup, rides.on_pickup),
        button(rides_keys.RideHandBack, rides.on_hand_back),
        button(rides_keys.RideArrived, rides.on_arrived),
        button(rides_keys.RideCome, rides.on_come),
        button(rides_keys.RideMove, rides.on_move),
    ]


def register(application: App) -> None:
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
        # Drivers: registration, tonight's shift; the dispatchers vet them.
        CommandHandler("drive", drive_home.drive_command, filters=PRIVATE_MESSAGE),
        CommandHandler("shift", drive_shifts.shift_command, filters=PRIVATE_MESSAGE),
        CommandHandler("drivers", drive_vetting.drivers_command, filters=PRIVATE_MESSAGE),
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
        # Buttons: one handler per action, fed its typed data (button_handlers below).
        *button_handlers(),
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
