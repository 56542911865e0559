package io.tradingrt.codecs;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Why an order ended the way it did, or why the trading state changed: one stable code and one sentence for every
 * outcome a user can see. The name is the code in JSON, the database and docs; {@link #wireId()} is the code on the
 * cluster wire, fixed per constant and never reused, so constants may be reordered or added but never renumbered.
 */
public enum ReasonCode {
  // risk denies an order (RiskDecision.reason, OrderEvent DENIED)
  UNKNOWN_INSTRUMENT(1, Kind.DENIAL, "the symbol is not a configured instrument"),
  INVALID_ORDER(2, Kind.DENIAL, "the order is malformed"),
  DUPLICATE_ORDER_ID(3, Kind.DENIAL, "an order with this client order id was already seen"),
  PRICE_PRECISION(4, Kind.DENIAL, "the limit price is not a multiple of the instrument's tick size"),
  QUANTITY_PRECISION(5, Kind.DENIAL, "the quantity is not a multiple of the instrument's lot size"),
  QUANTITY_BELOW_MIN(6, Kind.DENIAL, "the quantity is below the instrument's minimum"),
  QUANTITY_ABOVE_MAX(7, Kind.DENIAL, "the quantity is above the instrument's maximum"),
  PRICE_OUT_OF_BOUNDS(8, Kind.DENIAL, "the limit price is outside the instrument's price band"),
  NO_MARKET_PRICE(9, Kind.DENIAL, "there is no quote yet to value the order"),
  MAX_NOTIONAL_EXCEEDED(10, Kind.DENIAL, "the order's notional exceeds the per-order limit"),
  INSUFFICIENT_BALANCE(11, Kind.DENIAL, "free cash, counting open orders, does not cover the order"),
  MAX_POSITION_EXCEEDED(12, Kind.DENIAL, "the position, counting open orders, would exceed the per-symbol limit"),
  MAX_GROSS_EXPOSURE_EXCEEDED(13, Kind.DENIAL, "gross exposure, counting open orders, would exceed the limit"),
  REDUCE_ONLY_VIOLATED(14, Kind.DENIAL, "a reduce-only order would increase or flip the position"),
  THROTTLED_STRATEGY(15, Kind.DENIAL, "the strategy exceeded its order submit rate"),
  THROTTLED_GLOBAL(16, Kind.DENIAL, "the runtime exceeded its global order submit rate"),
  TRADING_HALTED(17, Kind.DENIAL, "trading is halted"),
  TRADING_REDUCING(18, Kind.DENIAL, "trading is reducing: only orders that shrink a position are accepted"),
  /** Also the cause of the trading-state change a storage fault makes: one name for one fault. */
  STORAGE_UNAVAILABLE(19, Kind.DENIAL,
      "storage cannot commit, so no order is accepted until it can journal the order's events"),

  // the venue (paper broker or adapter) rejects, cancels or expires an order (OrderEvent REJECTED/CANCELED/EXPIRED)
  NO_QUOTE(20, Kind.EXECUTION, "there was no quote to execute against"),
  IOC_REMAINDER(21, Kind.EXECUTION, "an immediate-or-cancel order's unfilled remainder is canceled"),
  FOK_NOT_FILLABLE(22, Kind.EXECUTION, "a fill-or-kill order could not be filled in full at once"),
  CANCEL_REQUESTED(23, Kind.EXECUTION, "the order was canceled on request"),
  SESSION_END(24, Kind.EXECUTION, "a DAY order expires at the session end"),
  /** A FIX venue refused the order; its own words follow the sentence. */
  VENUE_REJECTED(35, Kind.EXECUTION, "the venue rejected the order"),

  // the runtime itself could not place an order
  NO_RISK_DECISION(25, Kind.SYSTEM, "risk did not answer the order request, so the order was never placed"),
  /** In a cluster: no node holds the trading core, or the node asked has lost its lease (it is fenced). */
  NO_TRADING_CORE(34, Kind.SYSTEM,
      "no node holds the trading core (risk, execution, portfolio) right now, so the order was never placed"),

  // why the trading state changed (RiskStateChange.cause); STORAGE_UNAVAILABLE above is one too
  HALT(26, Kind.STATE_CHANGE, "an operator halted trading"),
  REDUCE(27, Kind.STATE_CHANGE, "an operator set trading to reducing"),
  RESUME(28, Kind.STATE_CHANGE, "an operator resumed trading"),
  KILL(29, Kind.STATE_CHANGE, "an operator pulled the kill switch: halted, and every working order canceled"),
  DAILY_LOSS_LIMIT(30, Kind.STATE_CHANGE, "the loss since the session start reached the daily loss limit"),
  MAX_DRAWDOWN(31, Kind.STATE_CHANGE, "the drawdown from peak equity reached the limit"),
  STORAGE_RECOVERED(32, Kind.STATE_CHANGE, "storage commits again, so the state before the fault returns"),
  RECOVERY_MISMATCH(33, Kind.STATE_CHANGE,
      "the book rebuilt from the journal disagrees with the stored positions, so trading starts halted"),
  /** A FIX venue's answer at logon disagrees with the journal about a working order; the sentence names it. */
  RECONCILIATION_MISMATCH(36, Kind.STATE_CHANGE,
      "the venue's view of a working order disagrees with the journal's, so trading is halted");

  /** Who gives the code: risk's pre-trade checks, the venue, the runtime, or a trading-state change. */
  public enum Kind { DENIAL, EXECUTION, SYSTEM, STATE_CHANGE }

  private static final ReasonCode[] BY_WIRE_ID;

  static {
    int max = Arrays.stream(values()).mapToInt(ReasonCode::wireId).max().orElse(0);
    BY_WIRE_ID = new ReasonCode[max + 1];
    for (ReasonCode code : values()) {
      if (code.wireId <= 0 || code.wireId > Byte.MAX_VALUE || BY_WIRE_ID[code.wireId] != null) {
        throw new IllegalStateException("reason code wire id " + code.wireId + " of " + code
            + " is not unique in 1..127");
      }
      BY_WIRE_ID[code.wireId] = code;
    }
  }

  private final int wireId;
  private final Kind kind;
  private final String sentence;

  ReasonCode(int wireId, Kind kind, String sentence) {
    this.wireId = wireId;
    this.kind = kind;
    this.sentence = sentence;
  }

  /** The stable string code: the constant's name. */
  public String code() {
    return name();
  }

  public String sentence() {
    return sentence;
  }

  public Kind kind() {
    return kind;
  }

  public int wireId() {
    return wireId;
  }

  /** The cause of a state change an operator command makes. */
  public static ReasonCode of(ControlCommand command) {
    return switch (command) {
      case HALT -> HALT;
      case REDUCE -> REDUCE;
      case RESUME -> RESUME;
      case KILL -> KILL;
    };
  }

  /** Reads a code by its string; an unknown code is an {@link IllegalArgumentException} naming it, never null. */
  public static ReasonCode parse(String code) {
    for (ReasonCode value : values()) {
      if (value.name().equals(code)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown reason code '" + code + "'");
  }

  /** Reads a code by its wire id; an id this version does not know (a newer node's code) is refused. */
  public static ReasonCode ofWireId(int wireId) {
    if (wireId <= 0 || wireId >= BY_WIRE_ID.length || BY_WIRE_ID[wireId] == null) {
      throw new IllegalArgumentException("unknown reason code wire id " + wireId);
    }
    return BY_WIRE_ID[wireId];
  }

  public static Set<ReasonCode> ofKind(Kind kind) {
    Set<ReasonCode> out = EnumSet.noneOf(ReasonCode.class);
    for (ReasonCode code : values()) {
      if (code.kind == kind) {
        out.add(code);
      }
    }
    return out;
  }

  /** The codes risk denies an order with. */
  public static List<ReasonCode> denials() {
    return List.copyOf(ofKind(Kind.DENIAL));
  }
}
