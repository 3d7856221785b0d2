package org.borderpulse.query;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.http.ApiException;

/** {@code GET /api/v1/series|summary|breakdown}: parse, scope, ask the cube, answer JSON or CSV. */
public final class QueryApi {
  private final Vertx vertx;
  private final Set<String> regionIds;

  public QueryApi(Vertx vertx, Set<String> regionIds) {
    this.vertx = vertx;
    this.regionIds = regionIds;
  }

  public void series(RoutingContext ctx) {
    handle(ctx, Query.Kind.SERIES);
  }

  public void summary(RoutingContext ctx) {
    handle(ctx, Query.Kind.SUMMARY);
  }

  public void breakdown(RoutingContext ctx) {
    handle(ctx, Query.Kind.BREAKDOWN);
  }

  private void handle(RoutingContext ctx, Query.Kind kind) {
    Set<String> scope = QueryScope.of(Authenticator.principal(ctx));
    MultiMap params = ctx.queryParams();
    Query q = new QueryParser(regionIds).parse(kind,
        name -> params.contains(name) ? String.join(",", params.getAll(name)) : null, params.names(), scope);
    vertx.eventBus().<JsonObject>request(CubeVerticle.QUERY, q,
            new DeliveryOptions().setCodecName(LocalCodec.NAME).setSendTimeout(10_000))
        .onSuccess(m -> respond(ctx, kind, m.body()))
        .onFailure(e -> ctx.fail(problem(e)));
  }

  private static ApiException problem(Throwable e) {
    if (e instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return new ApiException(503, "Service unavailable", "the aggregates are still loading; retry in a moment")
            .header("Retry-After", "2");
      }
      if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE && re.failureCode() >= 400) {
        return new ApiException(re.failureCode(), "Invalid query", re.getMessage());
      }
    }
    return new ApiException(503, "Service unavailable", "the query did not complete: " + e.getMessage())
        .header("Retry-After", "2");
  }

  private static void respond(RoutingContext ctx, Query.Kind kind, JsonObject body) {
    String accept = ctx.request().getHeader("Accept");
    if (kind != Query.Kind.SUMMARY && accept != null && accept.contains("text/csv")) {
      ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
          .end(kind == Query.Kind.SERIES ? seriesCsv(body) : breakdownCsv(body));
    } else {
      ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
  }

  static String seriesCsv(JsonObject body) {
    StringBuilder sb = new StringBuilder("key,period,value\n");
    for (Object s : body.getJsonArray("series")) {
      JsonObject series = (JsonObject) s;
      for (Object p : series.getJsonArray("points")) {
        JsonObject point = (JsonObject) p;
        sb.append(csv(series.getString("key"))).append(',').append(point.getString("period")).append(',')
            .append(number(point.getValue("value"))).append('\n');
      }
    }
    return sb.toString();
  }

  static String breakdownCsv(JsonObject body) {
    StringBuilder sb = new StringBuilder("key,value\n");
    JsonArray rows = body.getJsonArray("rows");
    for (Object r : rows) {
      JsonObject row = (JsonObject) r;
      sb.append(csv(row.getString("key"))).append(',').append(number(row.getValue("value"))).append('\n');
    }
    return sb.toString();
  }

  private static String number(Object v) {
    return v == null ? "" : v.toString();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
