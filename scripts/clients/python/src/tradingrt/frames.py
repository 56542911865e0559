"""The bridge's framing and the pieces both clients share."""
from __future__ import annotations

import json
import struct
from typing import Any, Optional

Frame = dict[str, Any]

PING_SECONDS = 20.0  # well inside the bridge's default idle timeout of 60 s


class BridgeError(Exception):
    """An err frame from the bridge: access_denied, a refused token, an invalid body, a failed request."""


def encode(frame: Frame) -> bytes:
    """A frame on the wire: 4-byte big-endian length, then UTF-8 JSON."""
    data = json.dumps(frame).encode("utf-8")
    return struct.pack(">I", len(data)) + data


def token_headers(token: Optional[str], headers: Optional[dict[str, str]]) -> dict[str, str]:
    """The headers of a send or publish: the client's token (needed for orders.submit and risk.control) plus any."""
    merged = {"token": token} if token else {}
    merged.update(headers or {})
    return merged
