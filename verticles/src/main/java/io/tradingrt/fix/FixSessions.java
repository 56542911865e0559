package io.tradingrt.fix;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.config.FixSettings;
import io.tradingrt.config.VenueSettings;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.SLF4JLogFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * FIX 4.4 session settings built from our conf (no hand-edited QuickFIX/J file): validation against the FIX 4.4 data
 * dictionary on, a file message store (sequence numbers and sent messages, for resends) under the configured path,
 * and decimals carried as text so a price never passes through a {@code double}.
 */
public final class FixSessions {
  public static final String BEGIN_STRING = "FIX.4.4";
  /** QuickFIX/J logs every message at INFO; our logs keep its session events and warnings only. */
  private static final Logger MESSAGES = Logger.getLogger("quickfixj.msg");

  static {
    MESSAGES.setLevel(Level.WARNING);
  }

  private FixSessions() {
  }

  public static SessionID initiatorId(FixSettings fix) {
    return new SessionID(BEGIN_STRING, fix.senderCompId(), fix.targetCompId());
  }

  /**
   * The runtime's side: connects to the venue, reconnects with backoff ({@link #reconnectIntervals}), resends on
   * gaps.
   */
  public static SessionSettings initiator(FixSettings fix) {
    SessionID id = initiatorId(fix);
    SessionSettings settings = common(id, Path.of(fix.storePath()));
    settings.setString(id, "ConnectionType", "initiator");
    settings.setString(id, "SocketConnectHost", fix.host());
    settings.setLong(id, "SocketConnectPort", fix.port());
    settings.setLong(id, "HeartBtInt", fix.heartbeatSeconds());
    settings.setString(id, "ReconnectInterval",
        reconnectIntervals(fix.reconnectSeconds(), fix.reconnectMaxSeconds()));
    settings.setBool(id, "ResetOnLogon", fix.resetOnLogon());
    return settings;
  }

  /**
   * QuickFIX/J's ReconnectInterval as a list: the n-th failed attempt in a row waits the n-th value and the last one
   * repeats, so {@code first} doubling to {@code max} is an exponential backoff ("1;2;4;8;16;30"); a connection
   * that opens starts the list again.
   */
  static String reconnectIntervals(long first, long max) {
    StringBuilder intervals = new StringBuilder();
    for (long wait = first; ; wait *= 2) {
      long capped = Math.min(wait, max);
      intervals.append(intervals.length() == 0 ? "" : ";").append(capped);
      if (capped == max) {
        return intervals.toString();
      }
    }
  }

  /** The session every client's own session is made from. */
  public static SessionID acceptorTemplate(VenueSettings venue) {
    return new SessionID(BEGIN_STRING, venue.senderCompId(), "*");
  }

  /** Starts the initiator of {@code fix} for {@code application}, with a file message store (blocking: off loops). */
  public static SocketInitiator startInitiator(Application application, FixSettings fix) throws ConfigError {
    SessionSettings sessions = initiator(fix);
    SocketInitiator initiator = new SocketInitiator(application, new FileStoreFactory(sessions), sessions,
        new SLF4JLogFactory(sessions), new DefaultMessageFactory());
    initiator.start();
    return initiator;
  }

  /** The test venue's side: accepts any initiator's CompID (a dynamic session per client). */
  public static SessionSettings acceptor(VenueSettings venue) {
    SessionID template = acceptorTemplate(venue);
    SessionSettings settings = common(template, Path.of(venue.storePath()));
    settings.setString(template, "ConnectionType", "acceptor");
    settings.setString(template, "AcceptorTemplate", "Y");
    settings.setLong(template, "SocketAcceptPort", venue.port());
    settings.setString(template, "SocketAcceptAddress", "0.0.0.0");
    return settings;
  }

  /**
   * Settings every session shares, in the default section (a dynamic acceptor session made from the template reads
   * its store path and dictionary from there).
   */
  private static SessionSettings common(SessionID id, Path store) {
    SessionSettings settings = new SessionSettings();
    settings.setString("StartTime", "00:00:00");
    settings.setString("EndTime", "00:00:00");
    settings.setString("UseDataDictionary", "Y");
    settings.setString("DataDictionary", "FIX44.xml");
    settings.setString("ValidateFieldsOutOfOrder", "Y");
    settings.setString("ValidateUserDefinedFields", "Y");
    settings.setString("FileStorePath", store.toString());
    settings.setString("PersistMessages", "Y");
    settings.setString("SocketTcpNoDelay", "Y");
    settings.setString("SLF4JLogHeartbeats", "N");
    settings.setString(id, "BeginString", BEGIN_STRING);
    return settings;
  }

  /** A decimal field as exact {@link Fixed}, from its text. */
  public static Fixed decimal(FieldMap message, int tag) throws FieldNotFound {
    return Fixed.parse(message.getString(tag));
  }

  /** A decimal field, or {@code fallback} when absent. */
  public static Fixed decimal(FieldMap message, int tag, Fixed fallback) throws FieldNotFound {
    return message.isSetField(tag) ? decimal(message, tag) : fallback;
  }

  public static void setDecimal(FieldMap message, int tag, Fixed value) {
    message.setString(tag, value.toString());
  }
}
