package org.borderpulse.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.borderpulse.ingest.Event;

/** Events as a post sends them: a JSON array, absent fields left out, times with the post's offset. */
final class EventJson {
  private EventJson() {}

  static byte[] array(List<Event> events) {
    JsonArray array = new JsonArray(new ArrayList<>(events.size()));
    for (Event e : events) {
      array.add(object(e));
    }
    return array.toBuffer().getBytes();
  }

  static JsonObject object(Event e) {
    JsonObject o = new JsonObject();
    put(o, "id", e.id());
    put(o, "type", e.type());
    put(o, "post", e.post());
    put(o, "workstation", e.workstation());
    put(o, "occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.occurredAt()));
    put(o, "outcome", e.outcome());
    put(o, "documentType", e.documentType());
    put(o, "issuingCountry", e.issuingCountry());
    put(o, "nationality", e.nationality());
    put(o, "fraudType", e.fraudType());
    put(o, "documentHash", e.documentHash());
    put(o, "direction", e.direction());
    put(o, "reason", e.reason());
    put(o, "persons", e.persons());
    put(o, "count", e.count());
    put(o, "periodMinutes", e.periodMinutes());
    return o;
  }

  private static void put(JsonObject o, String field, Object value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
