package io.tradingrt.bridge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The library's echo of a connection the guard closed is dropped; every other library record still gets through. */
class LibraryResetFilterTest {

  @Test
  void aResetIsDroppedAndOtherFailuresPass() {
    assertEquals(true, TcpBridgeVerticle.resetOfAClosedConnection(new SocketException("Connection reset")));
    Logger library = Logger.getLogger("io.vertx.ext.eventbus.bridge.tcp.impl.TcpEventBusBridgeImpl");
    List<String> published = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        published.add(record.getMessage());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    library.addHandler(capture);
    try {
      library.log(Level.SEVERE, "Connection reset", new SocketException("Connection reset"));
      library.log(Level.SEVERE, "reset by peer", new IOException("recvAddress(..) failed: Connection reset by peer"));
      library.log(Level.SEVERE, "broken pipe", new IOException("Broken pipe"));
      library.log(Level.SEVERE, "a real failure", new IllegalStateException("codec missing"));
      library.log(Level.SEVERE, "an I/O failure", new IOException("No space left on device"));
      assertEquals(List.of("a real failure", "an I/O failure"), published);
    } finally {
      library.removeHandler(capture);
    }
  }
}
