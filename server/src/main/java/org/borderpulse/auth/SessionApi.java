package org.borderpulse.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;
import org.borderpulse.http.ApiException;

/**
 * Sign-in for the web app: with a token ({@code POST /api/v1/session}) or a one-click link
 * ({@code GET /signin?code=}), both setting an HttpOnly session cookie the API and the
 * WebSocket accept; {@code DELETE /api/v1/session} signs out.
 */
public final class SessionApi {
  private final Authenticator authenticator;
  private final Sessions sessions;
  private final OneTimeCodes signInCodes;
  private final Predicate<Principal> mayRead;

  /** @param mayRead who may use the web app (the query scope decides) */
  public SessionApi(Authenticator authenticator, Sessions sessions, OneTimeCodes signInCodes,
      Predicate<Principal> mayRead) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.signInCodes = signInCodes;
    this.mayRead = mayRead;
  }

  public void signIn(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    if (body == null || !(body.getValue("token") instanceof String token)) {
      throw ApiException.badRequest("send {\"token\":\"…\"} to sign in");
    }
    authenticator.resolve(token)
        .compose(who -> {
          if (!mayRead.test(who)) {
            throw ApiException.forbidden("this token may not sign in to the web app (post tokens only send events)");
          }
          return sessions.open(who);
        })
        .onSuccess(id -> ctx.response().addCookie(cookie(id, Sessions.HOURS * 3600L)).setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  public void signOut(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(Sessions.COOKIE);
    (c == null ? io.vertx.core.Future.<Void>succeededFuture() : sessions.close(c.getValue()))
        .onSuccess(x -> ctx.response().addCookie(cookie("", 0)).setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/v1/signin-codes} (admin): a one-click sign-in link, single use. */
  public void createCode(RoutingContext ctx) {
    String code = signInCodes.issue(Authenticator.principal(ctx));
    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("code", code).put("url", "/signin?code=" + code)
            .put("expiresIn", signInCodes.validSeconds()).encode());
  }

  /**
   * {@code GET /signin?code=[&next=/path]}: opens a session and goes to {@code next} (a path on
   * this server only) or the start page.
   */
  public void redeemCode(RoutingContext ctx) {
    String code = ctx.request().getParam("code");
    var who = code == null ? java.util.Optional.<Principal>empty() : signInCodes.redeem(code);
    if (who.isEmpty()) {
      ctx.fail(ApiException.unauthorized("this sign-in link is unknown, used or expired; ask for a new one"));
      return;
    }
    sessions.open(who.get())
        .onSuccess(id -> ctx.response().addCookie(cookie(id, Sessions.HOURS * 3600L)).setStatusCode(302)
            .putHeader("Location", localPath(ctx.request().getParam("next"))).end())
        .onFailure(ctx::fail);
  }

  /** Only a path on this server ("/…", not "//host" or a URL) may follow a sign-in link. */
  static String localPath(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
  }

  private static Cookie cookie(String value, long maxAge) {
    return Cookie.cookie(Sessions.COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
        .setMaxAge(maxAge);
  }
}
