package org.borderpulse.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A border crossing point: where it is, what kind, its clock and its workstations. */
public record Post(String id, String name, String country, String kind, ZoneId timeZone,
    String operatingHours, List<Workstation> workstations, Set<String> workstationIds) {

  public Post {
    workstations = List.copyOf(workstations);
    workstationIds = workstations.stream().map(Workstation::id).collect(Collectors.toUnmodifiableSet());
  }

  public Post(String id, String name, String country, String kind, ZoneId timeZone, String operatingHours,
      List<Workstation> workstations) {
    this(id, name, country, kind, timeZone, operatingHours, workstations, Set.of());
  }

  public boolean hasWorkstation(String workstationId) {
    return workstationIds.contains(workstationId);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("name", name).put("country", country)
        .put("kind", kind).put("timeZone", timeZone.getId());
    if (operatingHours != null) {
      o.put("operatingHours", operatingHours);
    }
    return o.put("workstations", new JsonArray(workstations.stream().map(Workstation::toJson).toList()));
  }
}
