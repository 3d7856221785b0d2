package org.borderpulse.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A named set of countries, such as ASEAN or the Mekong states. */
public record Region(String id, String name, List<String> countries) {
  public Region {
    countries = List.copyOf(countries);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("countries", new JsonArray(countries));
  }
}
