package org.borderpulse.sim;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A generated event and the moment a live post would send it (a count is sent when its hour ends). */
public record SimEvent(Instant releaseAt, JsonObject json) {
  public String id() {
    return json.getString("id");
  }

  public String type() {
    return json.getString("type");
  }
}
