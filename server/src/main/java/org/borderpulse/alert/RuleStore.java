package org.borderpulse.alert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Alert rules in PostgreSQL, each with where it came from (the file or the API). */
public final class RuleStore {
  private final Pool pool;

  public RuleStore(Pool pool) {
    this.pool = pool;
  }

  /** Creates or replaces a rule; true when it was created. */
  public Future<Boolean> put(JsonObject rule, String source) {
    return pool.preparedQuery(RuleSql.UPSERT).execute(Tuple.of(rule.getString("id"), rule, source))
        .map(rows -> rows.iterator().next().getBoolean("created"));
  }

  public Future<Void> putAll(List<JsonObject> rules, String source) {
    Future<?> chain = Future.succeededFuture();
    for (JsonObject r : rules) {
      chain = chain.compose(x -> put(r, source));
    }
    return chain.mapEmpty();
  }

  public Future<List<JsonObject>> list() {
    return pool.query(RuleSql.LIST).execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(rule(r)));
      return out;
    });
  }

  public Future<Optional<JsonObject>> get(String id) {
    return pool.preparedQuery(RuleSql.GET).execute(Tuple.of(id)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(rule(it.next())) : Optional.empty();
    });
  }

  /** True when a rule was deleted. */
  public Future<Boolean> delete(String id) {
    return pool.preparedQuery(RuleSql.DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  private static JsonObject rule(Row r) {
    return r.getJsonObject(1).copy().put("id", r.getString(0)).put("source", r.getString(2));
  }
}
