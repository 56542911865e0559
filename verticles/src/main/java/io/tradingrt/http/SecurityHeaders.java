package io.tradingrt.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Response headers that make the browser run only the dashboard's own files: no inline script or style, no
 * foreign connection, no framing, no MIME sniffing, no referrer. Set on every response (page, API, errors).
 */
final class SecurityHeaders implements Handler<RoutingContext> {
  /** {@code connect-src 'self'} also admits ws:/wss: to this host and port (CSP Level 3), which SockJS uses. */
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
      "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'");

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().headers()
        .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY");
    ctx.next();
  }
}
