package org.borderpulse.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.auth.OneTimeCodes;
import org.borderpulse.auth.Principal;
import org.borderpulse.http.ApiException;
import org.borderpulse.query.QueryScope;

/**
 * {@code GET /api/v1/live} (the WebSocket), {@code POST /api/v1/live/ticket} and
 * {@code GET /api/v1/live/stats}. Everything is checked before the upgrade: the credential
 * (401), the origin (403), the caller's right to read (403) and its connection count (429).
 */
public final class LiveApi {
  private final Vertx vertx;
  private final LiveSettings cfg;
  private final OneTimeCodes tickets;
  private final LiveStats stats;
  private final Set<String> regionIds;
  private final ConcurrentHashMap<String, AtomicInteger> connectionsByCaller = new ConcurrentHashMap<>();

  public LiveApi(Vertx vertx, LiveSettings cfg, OneTimeCodes tickets, LiveStats stats, Set<String> regionIds) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.tickets = tickets;
    this.stats = stats;
    this.regionIds = regionIds;
  }

  public LiveSettings settings() { return cfg; }

  /** {@code POST /api/v1/live/ticket}: a single-use ticket for {@code ?ticket=}, valid 60 s. */
  public void ticket(RoutingContext ctx) {
    Principal who = Authenticator.principal(ctx);
    QueryScope.of(who);
    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("ticket", tickets.issue(who)).put("expiresIn", tickets.validSeconds()).encode());
  }

  public void stats(RoutingContext ctx) {
    ctx.json(stats.toJson());
  }

  /** The upgrade, on the HTTP verticle instance whose dispatcher will feed this socket. */
  public void upgrade(RoutingContext ctx, LiveDispatcher dispatcher) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
      throw ApiException.badRequest("this endpoint speaks WebSocket; see docs/live-protocol.md");
    }
    Principal who = Authenticator.principal(ctx);
    QueryScope.of(who);
    checkOrigin(ctx);
    String caller = who.isAdmin() ? "admin" : "post:" + who.postId();
    AtomicInteger count = connectionsByCaller.computeIfAbsent(caller, k -> new AtomicInteger());
    if (count.incrementAndGet() > cfg.maxConnectionsPerToken()) {
      count.decrementAndGet();
      throw new ApiException(429, "Too many connections", "at most " + cfg.maxConnectionsPerToken()
          + " live connections per token; close some first").header("Retry-After", "10");
    }
    ctx.request().toWebSocket()
        .onSuccess(ws -> new LiveConnection(vertx, ws, who, cfg, dispatcher, regionIds, stats,
            count::decrementAndGet).start())
        .onFailure(e -> {
          count.decrementAndGet();
          ctx.fail(e);
        });
  }

  /** No Origin (not a browser), the server's own origin, or one on the allowlist. */
  private void checkOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin == null || cfg.allowedOrigins().contains(origin)) {
      return;
    }
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    try {
      URI o = URI.create(origin);
      String originHost = o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort());
      if (host != null && host.equalsIgnoreCase(originHost)) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw ApiException.forbidden("origin " + origin + " may not open the live connection; add it to live.allowedOrigins");
  }
}
