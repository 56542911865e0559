package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lets a browser reach the event bus only from a page of this runtime ({@code scheme://Host}) or from an origin in
 * {@code http.allowedOrigins}; SockJS itself echoes any {@code Origin} with credentials, so any site could read it.
 * Requests without an {@code Origin} (curl, the Node and Python clients) are not browser pages of another site.
 */
final class OriginGuard implements Handler<RoutingContext> {
  private final Set<String> allowed = new HashSet<>();

  /** @throws IllegalArgumentException for {@code *} or anything that is not {@code scheme://host[:port]} */
  OriginGuard(List<String> allowedOrigins) {
    for (String item : allowedOrigins) {
      allowed.add(parse(item));
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin == null || origin.equalsIgnoreCase(own(ctx.request()))
        || allowed.contains(origin.toLowerCase(Locale.ROOT))) {
      ctx.next();
      return;
    }
    ApiErrors.send(ctx, ErrorCode.ORIGIN_NOT_ALLOWED, "the event bus answers only pages served by this runtime"
        + (allowed.isEmpty() ? "" : " or by an origin in http.allowedOrigins") + "; this request came from another");
  }

  private static String own(HttpServerRequest request) {
    String host = request.getHeader(HttpHeaders.HOST);
    if (host == null && request.authority() != null) {
      host = request.authority().toString();
    }
    return host == null ? null : request.scheme() + "://" + host;
  }

  private static String parse(String origin) {
    try {
      URI uri = new URI(origin);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (web && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
          && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
        return origin.toLowerCase(Locale.ROOT);
      }
    } catch (URISyntaxException e) {
      // reported below with the expected form
    }
    throw new IllegalArgumentException("http: http.allowedOrigins entries are origins such as "
        + "https://dashboards.example:8443 (no '*', no path), got '" + origin + "'");
  }
}
