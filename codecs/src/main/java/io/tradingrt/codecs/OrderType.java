package io.tradingrt.codecs;

public enum OrderType { MARKET, LIMIT }
