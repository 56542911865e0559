"""Clients of the tradingrt TCP event-bus bridge: EventBusClient (blocking) and AsyncEventBus (asyncio)."""
from .aio import AsyncEventBus
from .client import EventBusClient
from .frames import BridgeError

__all__ = ["AsyncEventBus", "BridgeError", "EventBusClient"]
__version__ = "0.1.0"
