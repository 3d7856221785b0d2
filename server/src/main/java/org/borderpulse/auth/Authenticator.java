package org.borderpulse.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.borderpulse.http.ApiException;

/** Resolves the bearer token of a request to a {@link Principal}, once, for every route. */
public final class Authenticator {
  private static final String KEY = "borderpulse.principal";
  private static final String LIVE_PATH = "/api/v1/live";
  private final byte[] adminHash;
  private final TokenStore tokens;
  private final java.util.function.Function<String, java.util.Optional<Principal>> tickets;
  private final Sessions sessions;

  /**
   * @param tickets redeems a single-use live ticket ({@code ?ticket=} on the WebSocket only)
   * @param sessions the web app's sessions (the {@code bp_session} cookie)
   */
  public Authenticator(String adminToken, TokenStore tokens,
      java.util.function.Function<String, java.util.Optional<Principal>> tickets, Sessions sessions) {
    this.adminHash = Tokens.hash(adminToken);
    this.tokens = tokens;
    this.tickets = tickets;
    this.sessions = sessions;
  }

  /** Route handler: authenticates or fails with 401, then continues. */
  public void authenticate(RoutingContext ctx) {
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.request().pause(); // a WebSocket upgrade must not be read to its end while a lookup is under way
    }
    String header = ctx.request().getHeader("Authorization");
    String ticket = ctx.request().getParam("ticket");
    if (header == null && ticket != null && LIVE_PATH.equals(ctx.request().path())) {
      var p = tickets.apply(ticket);
      if (p.isEmpty()) {
        ctx.fail(ApiException.unauthorized("the ticket is unknown, used or expired; get a new one from "
            + "POST /api/v1/live/ticket just before connecting"));
        return;
      }
      ctx.put(KEY, p.get());
      ctx.next();
      return;
    }
    var cookie = ctx.request().getCookie(Sessions.COOKIE);
    if (header == null && cookie != null) {
      sessions.find(cookie.getValue())
          .onSuccess(p -> {
            if (p.isEmpty()) {
              ctx.fail(ApiException.unauthorized("the session has expired or was closed; sign in again"));
            } else {
              ctx.put(KEY, p.get());
              ctx.next();
            }
          })
          .onFailure(ctx::fail);
      return;
    }
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      ctx.fail(ApiException.unauthorized(
          "this endpoint needs a token: send the header Authorization: Bearer <token>"));
      return;
    }
    resolve(header.substring(7).trim())
        .onSuccess(p -> {
          ctx.put(KEY, p);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /** Route handler: lets only the admin through (after {@link #authenticate}). */
  public void requireAdmin(RoutingContext ctx) {
    if (principal(ctx).isAdmin()) {
      ctx.next();
    } else {
      ctx.fail(ApiException.forbidden("this endpoint needs the admin token; a post token may only send events"));
    }
  }

  public static Principal principal(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** The principal a token stands for, or a 401 failure. */
  public Future<Principal> resolve(String token) {
    if (Tokens.sameHash(adminHash, Tokens.hash(token))) {
      return Future.succeededFuture(Principal.ADMIN);
    }
    return tokens.postFor(token).map(post -> post.map(Principal::post).orElseThrow(() ->
        ApiException.unauthorized("the token is not known (or was revoked); ask an admin for a post token")));
  }
}
