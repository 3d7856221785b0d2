package org.borderpulse.dashboard;

import io.vertx.core.json.JsonObject;

/** A validated dashboard definition and the file it came from. */
public record Dashboard(String id, String title, JsonObject definition, String file) {
  public JsonObject summary() {
    return new JsonObject().put("id", id).put("title", title)
        .put("description", definition.getString("description", "")).put("file", file)
        .put("panels", definition.getJsonArray("panels").size());
  }
}
