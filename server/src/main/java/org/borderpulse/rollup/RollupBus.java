package org.borderpulse.rollup;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.List;

/** After a commit, the new absolute values of the changed rollup rows go out on the event bus. */
public final class RollupBus {
  public static final String ROWS = "borderpulse.rollup.rows";

  private RollupBus() {}

  public static void publish(Vertx vertx, List<RollupRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    JsonArray body = new JsonArray();
    rows.forEach(r -> body.add(r.toJson()));
    vertx.eventBus().publish(ROWS, body);
  }
}
