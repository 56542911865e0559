package io.tradingrt.backtest;

import io.tradingrt.codecs.Fill;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of the fills in order, one canonical line each: two runs with the same hash made the same fills. */
public final class FillsHash {
  private final MessageDigest digest;

  public FillsHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static String line(Fill f) {
    return f.fillId() + "," + f.clientOrderId() + "," + f.strategy() + "," + f.symbol() + "," + f.side() + ","
        + f.quantity() + "," + f.price() + "," + f.fee() + "," + f.tsMicros() + "\n";
  }

  public void add(Fill fill) {
    digest.update(line(fill).getBytes(StandardCharsets.UTF_8));
  }

  public String hex() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests clone", e);
    }
  }
}
