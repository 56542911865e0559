package io.tradingrt.bridge;

import io.vertx.core.json.JsonObject;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** A TCP bridge connection that can write any bytes, as an attacker would, and read frames or the server's close. */
final class RawBridgeSocket implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  RawBridgeSocket(int port, int readTimeoutMillis) throws IOException {
    this(port, readTimeoutMillis, 0);
  }

  /** With {@code receiveBufferBytes > 0} the kernel holds little for us: what we do not read backs up at the server. */
  RawBridgeSocket(int port, int readTimeoutMillis, int receiveBufferBytes) throws IOException {
    socket = new Socket();
    if (receiveBufferBytes > 0) {
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
    socket.setSoTimeout(readTimeoutMillis);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  static byte[] frame(byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }

  static byte[] frame(String json) {
    return frame(json.getBytes(StandardCharsets.UTF_8));
  }

  void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void write(JsonObject frame) throws IOException {
    writeRaw(frame(frame.encode()));
  }

  OutputStream output() {
    return out;
  }

  /** The next frame, or null when the server closed the connection; a read timeout throws. */
  JsonObject nextOrClosed() throws IOException {
    try {
      int length = in.readInt();
      byte[] json = new byte[length];
      in.readFully(json);
      return new JsonObject(new String(json, StandardCharsets.UTF_8));
    } catch (EOFException e) {
      return null;
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (SocketException e) {
      // a reset after the server closed with unread input is a close too
      return null;
    }
  }

  JsonObject next(Predicate<JsonObject> wanted) throws IOException {
    while (true) {
      JsonObject frame = nextOrClosed();
      if (frame == null) {
        throw new EOFException("the server closed the connection");
      }
      if (wanted.test(frame)) {
        return frame;
      }
    }
  }

  /** The first err frame, skipping pushed messages; fails if the server closes without one. */
  JsonObject nextErr() throws IOException {
    return next(f -> "err".equals(f.getString("type")));
  }

  /** True when the server closes (EOF or reset) before {@code millis}, skipping any frames it still sends. */
  boolean closedWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      while (nextOrClosed() != null) {
        continue;
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
