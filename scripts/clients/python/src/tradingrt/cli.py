"""The tradingrt command: tail an address, submit an order, send a risk command.

  tradingrt tail exec.fills                      # one JSON line per message, until Ctrl-C (or --count N)
  tradingrt order BUY 10 AAPL [--limit 101.5] [--wait-fill]
  tradingrt control HALT

The bridge is --host/--port (default 127.0.0.1 and $TRT_TCP_BRIDGE_PORT or 7000); orders and control need
--token (default $TRT_TOKEN). Exit codes: 0 done, 2 refused by the bridge (e.g. access_denied, no token),
3 the order was denied by risk, 4 the bridge could not be reached.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Optional, Sequence

from .client import EventBusClient
from .frames import BridgeError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tradingrt", description="client of the tradingrt TCP event-bus bridge")
    parser.add_argument("--host", default=os.environ.get("TRT_BRIDGE_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("TRT_TCP_BRIDGE_PORT", "7000")))
    parser.add_argument("--token", default=os.environ.get("TRT_TOKEN"), help="http.token, for order and control")
    commands = parser.add_subparsers(dest="command", required=True)
    tail = commands.add_parser("tail", help="print the messages of one address, one JSON line each")
    tail.add_argument("address")
    tail.add_argument("--count", type=int, default=0, help="stop after N messages (0 = until interrupted)")
    order = commands.add_parser("order", help="submit an order and print risk's decision")
    order.add_argument("side", type=str.upper, choices=["BUY", "SELL"])
    order.add_argument("quantity")
    order.add_argument("symbol")
    order.add_argument("--limit", default=None, help="limit price (a LIMIT order; market otherwise)")
    order.add_argument("--tif", default=None, choices=["DAY", "GTC", "IOC", "FOK"], help="time in force")
    order.add_argument("--strategy", default="python")
    order.add_argument("--wait-fill", action="store_true", help="then wait for its fill")
    control = commands.add_parser("control", help="HALT, REDUCE, RESUME or KILL")
    control.add_argument("what", type=str.upper, choices=["HALT", "REDUCE", "RESUME", "KILL"])
    control.add_argument("--reason", default="tradingrt cli")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with EventBusClient(args.host, args.port, token=args.token) as bus:
            return _run(bus, args)
    except BridgeError as e:
        print("refused: %s" % e, file=sys.stderr)
        return 2
    except OSError as e:
        print("tradingrt: cannot reach the bridge at %s:%d: %s" % (args.host, args.port, e), file=sys.stderr)
        return 4
    except KeyboardInterrupt:
        return 0


def _run(bus: EventBusClient, args: argparse.Namespace) -> int:
    if args.command == "tail":
        bus.register(args.address)
        for n, body in enumerate(bus.messages(args.address), start=1):
            print(json.dumps(body), flush=True)
            if args.count and n >= args.count:
                break
        return 0
    if args.command == "order":
        body = {"symbol": args.symbol, "side": args.side, "quantity": args.quantity, "strategy": args.strategy}
        if args.limit:
            body.update(type="LIMIT", limitPrice=args.limit)
        if args.tif:
            body["timeInForce"] = args.tif
        if args.wait_fill:
            bus.register("exec.fills")
            bus.ping()  # the registration is in place once the pong is back
        decision = bus.request("orders.submit", body)
        print(json.dumps({"decision": decision}), flush=True)
        if args.wait_fill and decision.get("approved"):
            for fill in bus.messages("exec.fills"):
                if fill.get("clientOrderId") == decision["clientOrderId"]:
                    print(json.dumps({"fill": fill}), flush=True)
                    break
        return 0 if decision.get("approved") else 3
    change = bus.request("risk.control", {"command": args.what, "reason": args.reason})
    print(json.dumps(change), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
