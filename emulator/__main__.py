"""Run the emulator on its own, e.g. to point a manually started bot at it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from emulator.faults import Faults
from emulator.server import BotApiEmulator


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1"])
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST-TOKEN")
    parser.add_argument("--bot-username", default="nightdispatch_bot")
    parser.add_argument(
        "--faults",
        default="",
        metavar="SPEC",
        help="answer a share of sends with faults, e.g. 429=0.1,500=0.05,timeout=0.05",
    )
    parser.add_argument("--fault-seed", type=int, default=0)
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    """Serve until cancelled (Ctrl-C)."""
    async with BotApiEmulator(
        token=args.token,
        bot_username=args.bot_username,
        port=args.port,
        faults=Faults.parse(args.faults, args.fault_seed) if args.faults else None,
    ) as emu:
        print(f"Bot API emulator listening; base_url={emu.base_url}", flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    """Entry point for ``python -m emulator``."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(_parse_args(argv)))


if __name__ == "__main__":
    main()
