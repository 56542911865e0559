package io.tradingrt.codecs;

/** DAY expires at the session end, GTC rests until canceled, IOC fills what it can now, FOK fills all now or nothing. */
public enum TimeInForce { DAY, GTC, IOC, FOK }
