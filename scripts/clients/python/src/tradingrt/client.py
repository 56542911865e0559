"""A blocking client of the tradingrt TCP event-bus bridge (standard library only).

Frames are a 4-byte big-endian length followed by UTF-8 JSON. Outbound types: send, publish, register,
unregister, ping; inbound: message, err, pong. Records arrive as the contract JSON (decimals as strings).
Sending to risk.control or orders.submit needs the token in the headers.
"""
from __future__ import annotations

import json
import socket
import struct
import uuid
from typing import Any, Callable, Iterator, Optional

from .frames import BridgeError, Frame, PING_SECONDS, encode, token_headers


class EventBusClient:
    """One connection to the bridge; messages that arrive while a reply is awaited are kept for messages()."""

    def __init__(self, host: str = "127.0.0.1", port: int = 7000, timeout: float = 10.0,
                 token: Optional[str] = None) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.token = token
        self.buffer = b""
        self.backlog: list[Frame] = []

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> "EventBusClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, frame: Frame) -> None:
        self.sock.sendall(encode(frame))

    def read(self) -> Frame:
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

    def read_keeping_alive(self) -> Frame:
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

    def ping(self) -> Frame:
        self.write({"type": "ping"})
        return self.expect(lambda f: f.get("type") == "pong")

    def register(self, address: str) -> None:
        self.write({"type": "register", "address": address})

    def unregister(self, address: str) -> None:
        self.write({"type": "unregister", "address": address})

    def publish(self, address: str, body: Any, headers: Optional[dict[str, str]] = None) -> None:
        self.write({"type": "publish", "address": address, "body": body,
                    "headers": token_headers(self.token, headers)})

    def send(self, address: str, body: Any, headers: Optional[dict[str, str]] = None) -> None:
        self.write({"type": "send", "address": address, "body": body, "headers": token_headers(self.token, headers)})

    def request(self, address: str, body: Any, headers: Optional[dict[str, str]] = None) -> Any:
        """Send and wait for the reply's body; an err frame raises BridgeError."""
        reply_address = str(uuid.uuid4())
        self.write({"type": "send", "address": address, "body": body, "headers": token_headers(self.token, headers),
                    "replyAddress": reply_address})
        frame = self.expect(lambda f: f.get("address") == reply_address)
        if frame.get("type") == "err":
            raise BridgeError(frame.get("message") or frame.get("failureType"))
        return frame.get("body")

    def messages(self, address: Optional[str] = None) -> Iterator[Any]:
        """Yields bodies of messages (optionally for one address); an unaddressed err frame raises."""
        while True:
            frame = self.backlog.pop(0) if self.backlog else self.read_keeping_alive()
            if frame.get("type") == "err" and not frame.get("address"):
                raise BridgeError(frame.get("message"))
            if frame.get("type") == "message" and (address is None or frame.get("address") == address):
                yield frame.get("body")

    def expect(self, wanted: Callable[[Frame], bool]) -> Frame:
        while True:
            frame = self.read()
            if wanted(frame):
                return frame
            if frame.get("type") == "err" and not frame.get("address"):
                raise BridgeError(frame.get("message"))
            if frame.get("type") == "message":
                self.backlog.append(frame)
