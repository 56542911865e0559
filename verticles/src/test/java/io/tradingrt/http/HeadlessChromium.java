package io.tradingrt.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's chromium, headless, driven over the DevTools protocol (a websocket and JSON): no driver download, no
 * extra dependency. One page, commands answered in order of their ids.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, Promise<JsonObject>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
    socket.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      Promise<JsonObject> waiting = message.containsKey("id") ? pending.remove(message.getInteger("id")) : null;
      if (waiting != null) {
        if (message.containsKey("error")) {
          waiting.fail(message.getJsonObject("error").encode());
        } else {
          waiting.complete(message.getJsonObject("result"));
        }
      }
    });
  }

  static HeadlessChromium launch(Vertx vertx, int width, int height) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    Process process = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "--window-size=" + width + "," + height, "about:blank"))
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        throw new IOException("chromium did not open its DevTools port; see " + profile.resolve("chromium.log"));
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    String pageUrl = pageWebSocket(port);
    // a screenshot arrives as one large frame
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));
    WebSocket socket = EdgeStack.await(client.connect(port, "127.0.0.1", URI.create(pageUrl).getPath()));
    return new HeadlessChromium(process, profile, socket);
  }

  private static String pageWebSocket(int port) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    for (int attempt = 0; attempt < 50; attempt++) {
      String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (Object target : new JsonArray(body)) {
        JsonObject t = (JsonObject) target;
        if ("page".equals(t.getString("type"))) {
          return t.getString("webSocketDebuggerUrl");
        }
      }
      Thread.sleep(100);
    }
    throw new IOException("chromium has no page target");
  }

  JsonObject call(String method, JsonObject params) {
    return call(method, params, 20);
  }

  private JsonObject call(String method, JsonObject params, int seconds) {
    int id = ids.incrementAndGet();
    Promise<JsonObject> answer = Promise.promise();
    pending.put(id, answer);
    socket.writeTextMessage(new JsonObject().put("id", id).put("method", method).put("params", params).encode());
    try {
      return answer.future().await(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("chromium did not answer " + method + " in " + seconds + " s", e);
    }
  }

  /**
   * Loads a page. Leaving a page that has drawn minutes of live charts can take chromium a while on a loaded
   * machine (the old renderer finishes its tasks first), so the navigation gets a minute.
   */
  void navigate(String url) {
    long started = System.nanoTime();
    call("Page.navigate", new JsonObject().put("url", url), 60);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (millis > 5_000) {
      System.out.println("HeadlessChromium: navigating to " + url + " took " + millis + " ms");
    }
  }

  /** Evaluates a JavaScript expression in the page and returns its JSON value. */
  Object eval(String expression) {
    JsonObject result = call("Runtime.evaluate", new JsonObject().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true)).getJsonObject("result");
    return result.getValue("value");
  }

  /** A real mouse click at the centre of the element, as a person would. */
  void click(String elementId) {
    JsonObject box = new JsonObject((String) eval("JSON.stringify(document.getElementById('" + elementId
        + "').getBoundingClientRect())"));
    double x = box.getDouble("x") + box.getDouble("width") / 2;
    double y = box.getDouble("y") + box.getDouble("height") / 2;
    for (String type : new String[] {"mousePressed", "mouseReleased"}) {
      call("Input.dispatchMouseEvent", new JsonObject().put("type", type).put("x", x).put("y", y)
          .put("button", "left").put("clickCount", 1));
    }
  }

  /** Focuses the element and types the text through the input pipeline. */
  void type(String elementId, String text) {
    click(elementId);
    call("Input.insertText", new JsonObject().put("text", text));
  }

  void screenshot(Path file) throws IOException {
    String png = call("Page.captureScreenshot", new JsonObject().put("format", "png")).getString("data");
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(png));
  }

  @Override
  public void close() throws IOException {
    socket.close();
    // chromium's helper processes outlive the browser process for a moment and keep writing to the profile
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    helpers.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle helper : helpers) {
        helper.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      helpers.forEach(ProcessHandle::destroyForcibly);
    }
    deleteProfile();
  }

  /** Best effort: the profile is a temporary directory, and a file vanishing under the walk is not a failure. */
  private void deleteProfile() {
    for (int attempt = 0; attempt < 5 && Files.exists(profile); attempt++) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | java.io.UncheckedIOException e) {
        // something was still writing; walk again
      }
    }
  }
}
