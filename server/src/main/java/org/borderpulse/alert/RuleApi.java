package org.borderpulse.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.borderpulse.http.ApiException;

/** {@code GET /api/v1/alert-rules}, {@code GET|PUT|DELETE /api/v1/alert-rules/{id}} (admin). */
public final class RuleApi {
  private final RuleStore store;
  private final Set<String> regions;
  private final Runnable changed;

  /** @param changed told after a rule was created, replaced or deleted (the evaluator reloads) */
  public RuleApi(RuleStore store, Set<String> regions, Runnable changed) {
    this.store = store;
    this.regions = regions;
    this.changed = changed;
  }

  public void list(RoutingContext ctx) {
    store.list().onSuccess(rules -> ctx.json(new JsonObject().put("rules", new JsonArray(rules)))).onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    String id = ctx.pathParam("ruleId");
    store.get(id).map(r -> r.orElseThrow(() -> ApiException.notFound("no alert rule '" + id + "'")))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void put(RoutingContext ctx) {
    String id = ctx.pathParam("ruleId");
    JsonObject body = ctx.body().asJsonObject();
    if (body == null) {
      throw ApiException.badRequest("send the rule as a JSON object; see docs/alerting.md");
    }
    if (body.containsKey("id") && !id.equals(body.getValue("id"))) {
      throw new ApiException(422, "Invalid alert rule", "the body's id differs from the path's; leave it out");
    }
    body.remove("source");
    RuleReader reader = new RuleReader(regions);
    JsonObject rule = reader.read(id, body);
    if (rule == null) {
      throw new ApiException(422, "Invalid alert rule", "the rule has problems; nothing was changed", reader.errors());
    }
    store.put(rule, "api")
        .onSuccess(x -> changed.run())
        .onSuccess(created -> ctx.response().setStatusCode(created ? 201 : 200).putHeader("Content-Type", "application/json")
            .end(rule.copy().put("source", "api").encode()))
        .onFailure(ctx::fail);
  }

  public void delete(RoutingContext ctx) {
    String id = ctx.pathParam("ruleId");
    store.delete(id).onSuccess(deleted -> {
      if (!deleted) {
        ctx.fail(ApiException.notFound("no alert rule '" + id + "'"));
      } else {
        changed.run();
        ctx.response().setStatusCode(204).end();
      }
    }).onFailure(ctx::fail);
  }
}
