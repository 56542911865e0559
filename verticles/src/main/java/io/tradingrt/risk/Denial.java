package io.tradingrt.risk;

import io.tradingrt.codecs.DenialReason;

/** A failed pre-trade check: the stable code and a sentence with the numbers that failed it. */
record Denial(DenialReason reason, String detail) {
}
