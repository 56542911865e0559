package io.tradingrt.storage.backup;

import io.tradingrt.storage.database.Checksums;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** What a backup holds: the schema version and, per table, its row count and checksum at backup time. */
public record BackupManifest(int schemaVersion, long createdAtMicros, Map<String, Checksums> tables) {

  static final String FILE_NAME = "manifest.properties";

  public BackupManifest {
    tables = Map.copyOf(tables);
  }

  void write(Path dir) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("schemaVersion", Integer.toString(schemaVersion));
    properties.setProperty("createdAtMicros", Long.toString(createdAtMicros));
    properties.setProperty("tables", String.join(",", tables.keySet()));
    tables.forEach((table, sums) -> {
      properties.setProperty(table + ".rows", Long.toString(sums.rows()));
      properties.setProperty(table + ".hash", sums.hashSum().toString());
    });
    try (Writer out = Files.newBufferedWriter(dir.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
      properties.store(out, "tradingrt storage backup");
    }
  }

  static BackupManifest read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      throw new IOException(dir + " is not a complete backup: " + FILE_NAME + " is missing");
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    Map<String, Checksums> tables = new LinkedHashMap<>();
    String names = properties.getProperty("tables", "");
    for (String table : names.isEmpty() ? new String[0] : names.split(",")) {
      tables.put(table, new Checksums(Long.parseLong(properties.getProperty(table + ".rows")),
          new BigInteger(properties.getProperty(table + ".hash"))));
    }
    return new BackupManifest(Integer.parseInt(properties.getProperty("schemaVersion")),
        Long.parseLong(properties.getProperty("createdAtMicros", "0")), tables);
  }
}
