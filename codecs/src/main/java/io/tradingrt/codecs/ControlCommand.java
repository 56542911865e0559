package io.tradingrt.codecs;

/** Commands on the risk control address; KILL halts and cancels every open order. */
public enum ControlCommand { HALT, REDUCE, RESUME, KILL }
