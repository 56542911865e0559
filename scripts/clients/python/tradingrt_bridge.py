#!/usr/bin/env python3
"""A stdlib-only client of the tradingrt TCP event-bus bridge.

Frames are a 4-byte big-endian length followed by UTF-8 JSON. Outbound types: send, publish, register,
unregister, ping; inbound: message, err, pong. Records arrive as the contract JSON (decimals as strings).
Sending to risk.control or orders.submit needs the token in the headers.

  python3 tradingrt_bridge.py --port 7000 fills                # print fills as they happen
  python3 tradingrt_bridge.py --port 7000 --token T order AAPL BUY 10
  python3 tradingrt_bridge.py --port 7000 --token T control HALT
  python3 tradingrt_bridge.py --port 7000 watch metrics.live --count 3
"""
import argparse
import json
import socket
import struct
import sys
import uuid

PING_SECONDS = 20.0  # well inside the bridge's default idle timeout of 60 s


class BridgeError(Exception):
    """An err frame from the bridge: access_denied, a refused token, an invalid body, a failed request."""


class EventBusClient:
    def __init__(self, host="127.0.0.1", port=7000, timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = b""
        self.backlog = []  # messages that arrived while waiting for a reply, kept for messages()

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def write(self, frame):
        data = json.dumps(frame).encode("utf-8")
        self.sock.sendall(struct.pack(">I", len(data)) + data)

    def read(self):
        """The next frame from the bridge, as a dict."""
        while True:
            if len(self.buffer) >= 4:
                (length,) = struct.unpack(">I", self.buffer[:4])
                if len(self.buffer) >= 4 + length:
                    data, self.buffer = self.buffer[4:4 + length], self.buffer[4 + length:]
                    return json.loads(data.decode("utf-8"))
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the bridge closed the connection")
            self.buffer += chunk

    def read_keeping_alive(self):
        """read(), pinging while nothing arrives: the bridge closes a connection that sends no frame for
        http.tcpBridgeIdleTimeoutSeconds (60 s by default)."""
        timeout = self.sock.gettimeout()
        self.sock.settimeout(PING_SECONDS)
        try:
            while True:
                try:
                    return self.read()
                except socket.timeout:
                    self.write({"type": "ping"})
        finally:
            self.sock.settimeout(timeout)

    def ping(self):
        self.write({"type": "ping"})
        return self.expect(lambda f: f.get("type") == "pong")

    def register(self, address):
        self.write({"type": "register", "address": address})

    def unregister(self, address):
        self.write({"type": "unregister", "address": address})

    def publish(self, address, body, headers=None):
        self.write({"type": "publish", "address": address, "body": body, "headers": headers or {}})

    def send(self, address, body, headers=None):
        self.write({"type": "send", "address": address, "body": body, "headers": headers or {}})

    def request(self, address, body, headers=None):
        """Send and wait for the reply's body; an err frame raises BridgeError."""
        reply_address = str(uuid.uuid4())
        self.write({"type": "send", "address": address, "body": body, "headers": headers or {},
                    "replyAddress": reply_address})
        frame = self.expect(lambda f: f.get("address") == reply_address)
        if frame.get("type") == "err":
            raise BridgeError(frame.get("message") or frame.get("failureType"))
        return frame.get("body")

    def messages(self, address=None):
        """Yields bodies of messages (optionally for one address); an unaddressed err frame raises."""
        while True:
            frame = self.backlog.pop(0) if self.backlog else self.read_keeping_alive()
            if frame.get("type") == "err" and not frame.get("address"):
                raise BridgeError(frame.get("message"))
            if frame.get("type") == "message" and (address is None or frame.get("address") == address):
                yield frame.get("body")

    def expect(self, wanted):
        while True:
            frame = self.read()
            if wanted(frame):
                return frame
            if frame.get("type") == "err" and not frame.get("address"):
                raise BridgeError(frame.get("message"))
            if frame.get("type") == "message":
                self.backlog.append(frame)


def main(argv=None):
    parser = argparse.ArgumentParser(description="tradingrt TCP bridge client")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7000)
    parser.add_argument("--token", default=None, help="http.token, needed for order and control")
    commands = parser.add_subparsers(dest="command", required=True)
    fills = commands.add_parser("fills", help="print fills as they happen")
    fills.add_argument("--count", type=int, default=0, help="stop after N fills (0 = forever)")
    watch = commands.add_parser("watch", help="print messages of one address")
    watch.add_argument("address")
    watch.add_argument("--count", type=int, default=0)
    order = commands.add_parser("order", help="submit a market order and print the risk decision")
    order.add_argument("symbol")
    order.add_argument("side", choices=["BUY", "SELL"])
    order.add_argument("quantity")
    order.add_argument("--limit", default=None, help="limit price (a LIMIT order)")
    order.add_argument("--wait-fill", action="store_true", help="then wait for its fill")
    control = commands.add_parser("control", help="HALT, REDUCE, RESUME or KILL")
    control.add_argument("what", choices=["HALT", "REDUCE", "RESUME", "KILL"])
    args = parser.parse_args(argv)

    headers = {"token": args.token} if args.token else {}
    with EventBusClient(args.host, args.port) as bus:
        try:
            if args.command in ("fills", "watch"):
                address = "exec.fills" if args.command == "fills" else args.address
                bus.register(address)
                for n, body in enumerate(bus.messages(address), start=1):
                    print(json.dumps(body), flush=True)
                    if args.count and n >= args.count:
                        break
            elif args.command == "order":
                body = {"symbol": args.symbol, "side": args.side, "quantity": args.quantity, "strategy": "python"}
                if args.limit:
                    body.update(type="LIMIT", limitPrice=args.limit)
                if args.wait_fill:
                    bus.register("exec.fills")
                    bus.ping()  # the registration is in place once the pong is back
                decision = bus.request("orders.submit", body, headers)
                print(json.dumps({"decision": decision}), flush=True)
                if args.wait_fill and decision.get("approved"):
                    for fill in bus.messages("exec.fills"):
                        if fill.get("clientOrderId") == decision["clientOrderId"]:
                            print(json.dumps({"fill": fill}), flush=True)
                            break
                return 0 if decision.get("approved") else 3
            elif args.command == "control":
                change = bus.request("risk.control", {"command": args.what, "reason": "python client"}, headers)
                print(json.dumps(change), flush=True)
        except BridgeError as e:
            print("refused: %s" % e, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
