package io.tradingrt.storage.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One versioned schema change, from a resource named {@code V<version>__<name>.sql}. */
public record Migration(int version, String name, String sql, String checksum) {

  private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

  static Migration of(String fileName, String sql) {
    Matcher matcher = FILE_NAME.matcher(fileName);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("migration file name must look like V1__initial.sql: " + fileName);
    }
    return new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), sql, sha256(sql));
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
