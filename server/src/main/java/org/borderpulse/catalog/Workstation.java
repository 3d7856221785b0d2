package org.borderpulse.catalog;

import io.vertx.core.json.JsonObject;

/** A document-examination desk inside a post. */
public record Workstation(String id, String name) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }
}
