"""An asyncio client of the tradingrt TCP event-bus bridge, with subscriptions that survive a reconnect."""
from __future__ import annotations

import asyncio
import json
import struct
import uuid
from typing import Any, AsyncIterator, Optional

from .frames import BridgeError, Frame, PING_SECONDS, encode, token_headers


class Subscription:
    """Messages of one address, as an async iterator of bodies; ``close()`` unregisters it."""

    def __init__(self, bus: "AsyncEventBus", address: str) -> None:
        self.bus = bus
        self.address = address
        self.queue: asyncio.Queue[Any] = asyncio.Queue()

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._bodies()

    async def _bodies(self) -> AsyncIterator[Any]:
        while True:
            item = await self.queue.get()
            if isinstance(item, BaseException):
                raise item
            yield item

    async def next(self, timeout: Optional[float] = None) -> Any:
        """The next body, or asyncio.TimeoutError after ``timeout`` seconds."""
        item = await asyncio.wait_for(self.queue.get(), timeout)
        if isinstance(item, BaseException):
            raise item
        return item

    async def close(self) -> None:
        await self.bus._unsubscribe(self)


class AsyncEventBus:
    """One bridge connection: requests matched to replies by reply address, subscriptions fed by one reader task,
    a ping while idle, and (unless ``reconnect=False``) a new connection with every subscription re-registered
    after the bridge goes away; requests in flight then fail with ConnectionError."""

    def __init__(self, host: str = "127.0.0.1", port: int = 7000, token: Optional[str] = None,
                 reconnect: bool = True, max_backoff: float = 5.0) -> None:
        self.host, self.port, self.token = host, port, token
        self.reconnect, self.max_backoff = reconnect, max_backoff
        self.connections = 0
        self._reader: Optional[asyncio.StreamReader] = None
        self._writer: Optional[asyncio.StreamWriter] = None
        self._write_lock = asyncio.Lock()
        self._pending: dict[str, asyncio.Future[Frame]] = {}
        self._subscriptions: dict[str, list[Subscription]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._connected = asyncio.Event()
        self._closed = False

    async def __aenter__(self) -> "AsyncEventBus":
        return await self.connect()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> "AsyncEventBus":
        await self._open()
        self._tasks = [asyncio.create_task(self._read_loop()), asyncio.create_task(self._ping_loop())]
        return self

    async def close(self) -> None:
        self._closed = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._writer is not None:
            self._writer.close()
        self._fail_pending(ConnectionError("the client was closed"))

    async def subscribe(self, address: str) -> Subscription:
        subscription = Subscription(self, address)
        first = address not in self._subscriptions
        self._subscriptions.setdefault(address, []).append(subscription)
        if first:
            await self._write({"type": "register", "address": address})
        await self.ping()  # the registration is in place once the pong is back
        return subscription

    async def publish(self, address: str, body: Any, headers: Optional[dict[str, str]] = None) -> None:
        await self._write({"type": "publish", "address": address, "body": body,
                           "headers": token_headers(self.token, headers)})

    async def send(self, address: str, body: Any, headers: Optional[dict[str, str]] = None) -> None:
        await self._write({"type": "send", "address": address, "body": body,
                           "headers": token_headers(self.token, headers)})

    async def request(self, address: str, body: Any, headers: Optional[dict[str, str]] = None,
                      timeout: float = 10.0) -> Any:
        """Send and await the reply's body; an err frame raises BridgeError."""
        reply_address = str(uuid.uuid4())
        future: asyncio.Future[Frame] = asyncio.get_running_loop().create_future()
        self._pending[reply_address] = future
        try:
            await self._write({"type": "send", "address": address, "body": body, "replyAddress": reply_address,
                               "headers": token_headers(self.token, headers)})
            frame = await asyncio.wait_for(future, timeout)
        finally:
            self._pending.pop(reply_address, None)
        if frame.get("type") == "err":
            raise BridgeError(frame.get("message") or frame.get("failureType"))
        return frame.get("body")

    async def ping(self, timeout: float = 10.0) -> None:
        future: asyncio.Future[Frame] = asyncio.get_running_loop().create_future()
        self._pending["pong:" + str(uuid.uuid4())] = future
        try:
            await self._write({"type": "ping"})
            await asyncio.wait_for(future, timeout)
        finally:
            for key in [k for k, f in self._pending.items() if f is future]:
                del self._pending[key]

    async def _open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        self.connections += 1
        self._connected.set()

    async def _write(self, frame: Frame) -> None:
        await self._connected.wait()
        async with self._write_lock:
            assert self._writer is not None
            self._writer.write(encode(frame))
            await self._writer.drain()

    async def _read_frame(self) -> Frame:
        assert self._reader is not None
        (length,) = struct.unpack(">I", await self._reader.readexactly(4))
        return json.loads((await self._reader.readexactly(length)).decode("utf-8"))

    async def _read_loop(self) -> None:
        backoff = 0.1
        while not self._closed:
            try:
                frame = await self._read_frame()
                backoff = 0.1
                self._dispatch(frame)
            except (ConnectionError, asyncio.IncompleteReadError, OSError) as gone:
                self._connected.clear()
                self._fail_pending(ConnectionError("the bridge connection was lost: %s" % gone))
                if not self.reconnect or self._closed:
                    self._fail_subscriptions(ConnectionError("the bridge closed the connection"))
                    return
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff)
                try:
                    await self._open()
                    for address in self._subscriptions:
                        await self._write({"type": "register", "address": address})
                except OSError:
                    continue

    async def _ping_loop(self) -> None:
        while not self._closed:
            await asyncio.sleep(PING_SECONDS)
            if self._connected.is_set():
                try:
                    await self._write({"type": "ping"})
                except OSError:
                    pass

    def _dispatch(self, frame: Frame) -> None:
        kind, address = frame.get("type"), frame.get("address")
        if kind == "pong":
            for key in [k for k in self._pending if k.startswith("pong:")][:1]:
                self._pending.pop(key).set_result(frame)
        elif address in self._pending:
            future = self._pending.pop(address)
            if not future.done():
                future.set_result(frame)
        elif kind == "message" and address in self._subscriptions:
            for subscription in self._subscriptions[address]:
                subscription.queue.put_nowait(frame.get("body"))
        elif kind == "err" and not address:
            # the bridge answers an unpermitted send or register with an unaddressed err, in order
            requests = [k for k in self._pending if not k.startswith("pong:")]
            if requests:
                self._pending.pop(requests[0]).set_result(frame)
            else:
                self._fail_subscriptions(BridgeError(frame.get("message")))

    def _fail_pending(self, error: BaseException) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(error)
        self._pending.clear()

    def _fail_subscriptions(self, error: BaseException) -> None:
        for subscriptions in self._subscriptions.values():
            for subscription in subscriptions:
                subscription.queue.put_nowait(error)

    async def _unsubscribe(self, subscription: Subscription) -> None:
        remaining = [s for s in self._subscriptions.get(subscription.address, []) if s is not subscription]
        if remaining:
            self._subscriptions[subscription.address] = remaining
        else:
            self._subscriptions.pop(subscription.address, None)
            await self._write({"type": "unregister", "address": subscription.address})
