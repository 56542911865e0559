package io.tradingrt.execution.fix;

import io.tradingrt.codecs.Fixed;

/**
 * One FIX ExecutionReport as the runtime reads it, without QuickFIX/J types: ExecType (150) and OrdStatus (39) as
 * their FIX characters, quantities and prices exact. {@code lastQty} is zero unless it reports a fill.
 *
 * @param possDup whether the venue marked it PossDupFlag (a resend): applied only if its ExecID is new
 */
public record VenueReport(String execId, String clOrdId, char execType, char ordStatus, Fixed lastQty, Fixed lastPx,
                          Fixed cumQty, Fixed leavesQty, Fixed avgPx, Fixed commission, String text,
                          boolean possDup, long tsMicros) {
}
