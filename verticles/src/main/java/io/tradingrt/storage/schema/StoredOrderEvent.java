package io.tradingrt.storage.schema;

import io.tradingrt.codecs.OrderEvent;

/** An order state change as stored: {@code eventSeq} orders all events and serves as a paging key. */
public record StoredOrderEvent(long eventSeq, OrderEvent event) {
}
