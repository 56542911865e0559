package io.tradingrt.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One keep-alive HTTP/1.1 connection written by hand, for tests that must send what real clients refuse to (undecodable
 * escapes, raw control bytes, unknown methods) and see exactly what the server does with the connection afterwards: no
 * client pool sits between the test and the server. Not thread-safe; one per thread.
 */
public final class RawHttp implements AutoCloseable {
  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int connections;

  public record Reply(int status, Map<String, String> headers, String body) {
    public String contentType() {
      return headers.get("content-type");
    }
  }

  /** Thrown when the server neither answers nor closes within the timeout. */
  public static final class NoAnswerException extends IOException {
    NoAnswerException(String message) {
      super(message);
    }
  }

  public RawHttp(String host, int port, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** How many TCP connections this client has opened (a server closing after a refused body makes it reconnect). */
  public int connections() {
    return connections;
  }

  public Reply exchange(String method, String uri, Map<String, String> headers, byte[] body) throws IOException {
    boolean reused = socket != null;
    try {
      return exchangeOnce(method, uri, headers, body);
    } catch (NoAnswerException e) {
      close();
      throw e;
    } catch (SocketTimeoutException e) {
      close();
      throw new NoAnswerException("the answer stopped for " + timeoutMillis + " ms");
    } catch (IOException e) {
      close();
      if (!reused) {
        throw e;
      }
      // the server closed an idle keep-alive connection before our request reached it: what every client retries
      return exchangeOnce(method, uri, headers, body);
    }
  }

  private Reply exchangeOnce(String method, String uri, Map<String, String> headers, byte[] body) throws IOException {
    if (socket == null) {
      socket = new Socket(host, port);
      socket.setSoTimeout(timeoutMillis);
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
      connections++;
    }
    StringBuilder head = new StringBuilder(method).append(' ').append(uri).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(':').append(port).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    Reply reply = read(method);
    if ("close".equalsIgnoreCase(reply.headers().get("connection"))) {
      close();
    }
    return reply;
  }

  private Reply read(String method) throws IOException {
    String status;
    try {
      status = line();
    } catch (SocketTimeoutException e) {
      throw new NoAnswerException("no status line within " + timeoutMillis + " ms");
    }
    if (status == null) {
      throw new IOException("connection closed before an answer");
    }
    String[] parts = status.split(" ", 3);
    int code = Integer.parseInt(parts[1]);
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    byte[] body;
    if (method.equals("HEAD") || code == 204 || code == 304 || code < 200) {
      body = new byte[0];
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
      headers.put("connection", "close");
    }
    return new Reply(code, headers, new String(body, StandardCharsets.UTF_8));
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (length == 0) {
        for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
          // trailers are not used by the runtime
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(length));
      line();
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection
      }
      socket = null;
    }
  }
}
