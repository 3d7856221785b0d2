package org.borderpulse.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.http.ApiException;
import org.borderpulse.query.QueryScope;

/** {@code GET /api/v1/dashboards}, {@code /api/v1/dashboards/{id}} and {@code /api/v1/playlists}. */
public final class DashboardApi {
  private final DashboardLibrary library;

  public DashboardApi(DashboardLibrary library) {
    this.library = library;
  }

  public void list(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    DashboardLibrary.Snapshot s = library.snapshot();
    ctx.json(new JsonObject()
        .put("dashboards", new JsonArray(s.dashboards().values().stream().map(Dashboard::summary).toList()))
        .put("problems", s.problems()));
  }

  public void get(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    String id = ctx.pathParam("dashboardId");
    ctx.json(library.get(id).orElseThrow(() -> ApiException.notFound("no dashboard '" + id
        + "'; GET /api/v1/dashboards lists them")).definition());
  }

  public void playlists(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    ctx.json(new JsonObject().put("playlists", library.snapshot().playlists()));
  }
}
