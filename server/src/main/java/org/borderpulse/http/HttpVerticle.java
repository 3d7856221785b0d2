package org.borderpulse.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.concurrent.TimeUnit;
import org.borderpulse.app.Services;
import org.borderpulse.live.LiveDispatcher;
import org.borderpulse.ingest.Vocabulary;

/**
 * The HTTP API: routes from the OpenAPI contract, handlers from each concern's package, one
 * failure handler. Runs as several instances sharing one port.
 */
public final class HttpVerticle extends VerticleBase {
  private static final int SMALL_BODY = 64 * 1024;
  private static final String CONTRACT_PATH = "/api/v1/openapi.yaml";
  private static final String LIVE_PATH = "/api/v1/live";
  private static final String SESSION_PATH = "/api/v1/session";
  /** Alert lists may hold many hashes: they get the ingest body limit. */
  private static final String ALERT_LISTS_PATH = "/api/v1/alert-lists/";
  private final Services services;
  private final int port;
  private HttpServer server;
  private final LiveDispatcher dispatcher = new LiveDispatcher();

  public HttpVerticle(Services services, int port) {
    this.services = services;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = setupRouter();
    int maxFrame = services.liveApi().settings().maxFrameBytes();
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(services.settings().get(org.borderpulse.config.Setting.HOST))
        .setCompressionSupported(true)
        .setMaxHeaderSize(16 * 1024)
        .setMaxWebSocketFrameSize(maxFrame)
        // Updates are small JSON; per-connection deflate would cost ~150 KiB of native memory each.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxWebSocketMessageSize(maxFrame)
        .setIdleTimeout(120));
    return dispatcher.start(vertx).compose(x -> server.requestHandler(router).listen(port));
  }

  /** Stops accepting, lets in-flight requests finish (up to the grace period), then closes. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(services.settings().integer(org.borderpulse.config.Setting.SHUTDOWN_GRACE), TimeUnit.SECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }

  private Router setupRouter() {
    RouterBuilder rb = RouterBuilder.create(vertx, services.contract(), RequestExtractor.withBodyHandler());
    BodyHandler ingestBody = BodyHandler.create(false).setBodyLimit(Vocabulary.MAX_BODY_BYTES);
    BodyHandler smallBody = BodyHandler.create(false).setBodyLimit(SMALL_BODY);
    rb.rootHandler(ctx -> {
      String path = ctx.request().path();
      if (path.equals(LIVE_PATH)) {
        ctx.next(); // a WebSocket upgrade has no body to read
      } else {
        (path.equals("/api/v1/events") || path.startsWith(ALERT_LISTS_PATH) ? ingestBody : smallBody).handle(ctx);
      }
    });
    rb.rootHandler(this::authenticateApi);
    rb.getRoutes().forEach(r -> r.setDoSecurity(false));

    var auth = services.authenticator();
    route(rb, "health").addHandler(HealthCheckHandler.createWithHealthChecks(services.liveness()));
    route(rb, "ready").addHandler(HealthCheckHandler.createWithHealthChecks(services.readiness()));
    route(rb, "ingestEvents").setDoValidation(false).addHandler(services.ingestApi()::ingest);
    route(rb, "listPosts").addHandler(auth::requireAdmin).addHandler(services.catalogApi()::listPosts);
    route(rb, "putPost").addHandler(auth::requireAdmin).addHandler(services.catalogApi()::putPost);
    route(rb, "createPostToken").addHandler(auth::requireAdmin).addHandler(services.postTokenApi()::create);
    route(rb, "listRegions").addHandler(services.catalogApi()::listRegions);
    route(rb, "series").setDoValidation(false).addHandler(services.queryApi()::series);
    route(rb, "summary").setDoValidation(false).addHandler(services.queryApi()::summary);
    route(rb, "breakdown").setDoValidation(false).addHandler(services.queryApi()::breakdown);
    route(rb, "signIn").setDoValidation(false).addHandler(services.sessionApi()::signIn);
    route(rb, "signOut").addHandler(services.sessionApi()::signOut);
    route(rb, "createSignInCode").addHandler(auth::requireAdmin).addHandler(services.sessionApi()::createCode);
    route(rb, "listAlertRules").addHandler(auth::requireAdmin).addHandler(services.ruleApi()::list);
    route(rb, "getAlertRule").addHandler(auth::requireAdmin).addHandler(services.ruleApi()::get);
    route(rb, "putAlertRule").setDoValidation(false).addHandler(auth::requireAdmin).addHandler(services.ruleApi()::put);
    route(rb, "deleteAlertRule").addHandler(auth::requireAdmin).addHandler(services.ruleApi()::delete);
    route(rb, "postActivity").setDoValidation(false).addHandler(services.activityApi()::list);
    route(rb, "listAlerts").setDoValidation(false).addHandler(auth::requireAdmin).addHandler(services.alertApi()::list);
    route(rb, "ackAlert").setDoValidation(false).addHandler(auth::requireAdmin).addHandler(services.alertApi()::ack);
    route(rb, "createSilence").setDoValidation(false).addHandler(auth::requireAdmin)
        .addHandler(services.alertApi()::createSilence);
    route(rb, "listSilences").addHandler(auth::requireAdmin).addHandler(services.alertApi()::listSilences);
    route(rb, "deleteSilence").addHandler(auth::requireAdmin).addHandler(services.alertApi()::deleteSilence);
    route(rb, "listAlertLists").addHandler(auth::requireAdmin).addHandler(services.alertApi()::listLists);
    route(rb, "getAlertList").addHandler(auth::requireAdmin).addHandler(services.alertApi()::getList);
    route(rb, "putAlertList").setDoValidation(false).addHandler(auth::requireAdmin)
        .addHandler(services.alertApi()::putList);
    route(rb, "listDashboards").addHandler(services.dashboardApi()::list);
    route(rb, "getDashboard").addHandler(services.dashboardApi()::get);
    route(rb, "listPlaylists").addHandler(services.dashboardApi()::playlists);
    route(rb, "live").setDoValidation(false).addHandler(ctx -> services.liveApi().upgrade(ctx, dispatcher));
    route(rb, "liveTicket").addHandler(services.liveApi()::ticket);
    route(rb, "liveStats").addHandler(auth::requireAdmin).addHandler(services.liveApi()::stats);

    Router router = rb.createRouter();
    router.get(CONTRACT_PATH).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml").end(services.contractText()));
    router.get("/signin").handler(services.sessionApi()::redeemCode);
    WebRoutes.mount(router);
    FailureHandler failures = new FailureHandler(services.settings().integer(
        org.borderpulse.config.Setting.RETRY_AFTER));
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    router.errorHandler(413, failures);
    router.errorHandler(500, failures);
    return router;
  }

  private static OpenAPIRoute route(RouterBuilder rb, String operationId) {
    OpenAPIRoute r = rb.getRoute(operationId);
    if (r == null) {
      throw new IllegalStateException("operation " + operationId + " is missing from the OpenAPI contract");
    }
    return r;
  }

  /** Every /api/v1 operation needs a token; health probes and the contract itself do not. */
  private void authenticateApi(RoutingContext ctx) {
    String path = ctx.request().path();
    boolean signIn = path.equals(SESSION_PATH) && ctx.request().method() == io.vertx.core.http.HttpMethod.POST;
    if (path.startsWith("/api/") && !path.equals(CONTRACT_PATH) && !signIn) {
      services.authenticator().authenticate(ctx);
    } else {
      ctx.next();
    }
  }
}
