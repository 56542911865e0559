package io.tradingrt.risk;

import io.tradingrt.codecs.ReasonCode;

/** A failed pre-trade check: the stable code and a sentence with the numbers that failed it. */
record Denial(ReasonCode reason, String detail) {
}
