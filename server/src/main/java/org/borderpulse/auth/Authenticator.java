package org.borderpulse.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.borderpulse.http.ApiException;

/** Resolves the bearer token of a request to a {@link Principal}, once, for every route. */
public final class Authenticator {
  private static final String KEY = "borderpulse.principal";
  private final byte[] adminHash;
  private final TokenStore tokens;

  public Authenticator(String adminToken, TokenStore tokens) {
    this.adminHash = Tokens.hash(adminToken);
    this.tokens = tokens;
  }

  /** Route handler: authenticates or fails with 401, then continues. */
  public void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
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

  private Future<Principal> resolve(String token) {
    if (Tokens.sameHash(adminHash, Tokens.hash(token))) {
      return Future.succeededFuture(Principal.ADMIN);
    }
    return tokens.postFor(token).map(post -> post.map(Principal::post).orElseThrow(() ->
        ApiException.unauthorized("the token is not known (or was revoked); ask an admin for a post token")));
  }
}
