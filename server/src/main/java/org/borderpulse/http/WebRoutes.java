package org.borderpulse.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web app's pages: {@code /d/{dashboard}} and {@code /wall} serve one shell page whose
 * modules ({@code /app/}) draw the dashboards; ECharts comes from its WebJar. No build step.
 */
final class WebRoutes {
  static final String START = "/d/fraud-overview";
  private static final String SHELL = "web/app.html";
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'";
  private static final long WEBJAR_MAX_AGE = 30L * 24 * 3600;

  private WebRoutes() {}

  static void mount(Router router) {
    router.get("/").handler(ctx -> ctx.redirect(START));
    router.get("/d/:dashboard").handler(WebRoutes::shell);
    router.get("/d").handler(ctx -> ctx.redirect(START));
    router.get("/wall").handler(WebRoutes::shell);
    router.get("/app/*").handler(ctx -> {
      secure(ctx);
      ctx.next();
    }).handler(StaticHandler.create("web/app").setCachingEnabled(false).setDirectoryListing(false));
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
        .setMaxAgeSeconds(WEBJAR_MAX_AGE).setDirectoryListing(false));
  }

  private static void shell(RoutingContext ctx) {
    secure(ctx);
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache")
        .sendFile(SHELL).onFailure(ctx::fail);
  }

  private static void secure(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin");
  }
}
