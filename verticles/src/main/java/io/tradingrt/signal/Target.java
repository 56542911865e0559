package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;

/** The signed position a strategy wants in one symbol, and why. */
record Target(Fixed quantity, String reason) {
}
