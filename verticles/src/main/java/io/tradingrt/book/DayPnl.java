package io.tradingrt.book;

import io.tradingrt.codecs.Fixed;

/**
 * The account's P&L of one UTC day (the paper venue's session, whose start re-bases risk's daily loss): realized
 * P&L and fees of the fills that day, net = realized − fees, and the number of fills.
 */
public record DayPnl(String date, long startMicros, Fixed realizedPnl, Fixed fees, Fixed netPnl, long trades) {
}
