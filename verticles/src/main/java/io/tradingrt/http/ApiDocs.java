package io.tradingrt.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Swagger UI at {@code /docs/} from the {@code org.webjars:swagger-ui} WebJar, opened on {@code /api/openapi.json}:
 * the WebJar's own page and bundles, with our {@code swagger-initializer.js} (no inline script). The page gets the
 * dashboard's CSP plus {@code data:} images, which the WebJar's stylesheet uses for its icons.
 */
final class ApiDocs {
  static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  static final String CONTENT_SECURITY_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY
      .replace("img-src 'self'", "img-src 'self' data:");

  private ApiDocs() {
  }

  static void mount(Vertx vertx, Router router) {
    String root = "META-INF/resources/webjars/swagger-ui/" + webJarVersion();
    Buffer initializer = vertx.fileSystem().readFileBlocking("docs-ui/swagger-initializer.js");
    // vertx-web's "/docs" also matches "/docs/": only the bare path is sent on, so relative links resolve under /docs/
    router.get("/docs").handler(ctx -> {
      if (ctx.request().path().equals("/docs")) {
        ctx.redirect("/docs/");
      } else {
        ctx.next();
      }
    });
    router.get("/docs/*").handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      ctx.next();
    });
    router.get("/docs/swagger-initializer.js").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/javascript; charset=utf-8").end(initializer));
    router.get("/docs/*").handler(StaticHandler.create(root).setIndexPage("index.html"));
  }

  /** The WebJar's version, from its Maven properties: the path of its files under META-INF/resources/webjars. */
  static String webJarVersion() {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(WEBJAR_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui WebJar is not on the classpath (" + WEBJAR_PROPERTIES + ")");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
