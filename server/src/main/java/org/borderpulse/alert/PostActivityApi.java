package org.borderpulse.alert;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.http.ApiException;
import org.borderpulse.http.Problems;
import org.borderpulse.query.QueryScope;

/**
 * {@code GET /api/v1/activity}: when each post the caller may see was last heard and how long it
 * has been quiet in its opening hours (the alert evaluator's own view, see
 * {@code alert.eval.PostActivity}), filtered by {@code country} and {@code post}.
 */
public final class PostActivityApi {
  private static final List<String> FILTERS = List.of("country", "post");

  private final Vertx vertx;

  public PostActivityApi(Vertx vertx) {
    this.vertx = vertx;
  }

  public void list(RoutingContext ctx) {
    Set<String> scope = QueryScope.of(Authenticator.principal(ctx));
    MultiMap p = ctx.queryParams();
    JsonArray errors = new JsonArray();
    for (String name : p.names()) {
      if (!FILTERS.contains(name)) {
        errors.add(Problems.error(null, name, "unknown filter; filters are " + String.join(", ", FILTERS)));
      }
    }
    String[] country = AlertApi.values(p, "country", null, errors);
    String[] post = AlertApi.values(p, "post", null, errors);
    if (!errors.isEmpty()) {
      JsonObject first = errors.getJsonObject(0);
      throw new ApiException(400, "Invalid filter", first.getString("field") + ": " + first.getString("message"),
          errors);
    }
    vertx.eventBus().<JsonObject>request(AlertBus.ACTIVITY, null).onSuccess(m -> {
      JsonArray posts = new JsonArray();
      for (Object o : m.body().getJsonArray("posts")) {
        JsonObject a = (JsonObject) o;
        String c = a.getString("country");
        if ((scope == null || scope.contains(c)) && (country == null || List.of(country).contains(c))
            && (post == null || List.of(post).contains(a.getString("post")))) {
          posts.add(a);
        }
      }
      ctx.json(m.body().copy().put("posts", posts));
    }).onFailure(e -> ctx.fail(e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
        ? new ApiException(503, "Alerting not running", "post activity comes from the alert evaluator, which is not "
            + "running on this node")
        : e));
  }
}
