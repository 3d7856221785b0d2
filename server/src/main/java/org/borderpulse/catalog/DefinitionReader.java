package org.borderpulse.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.borderpulse.http.Problems;

/**
 * Reads post and region definitions from JSON (the API) or YAML turned into JSON (the files),
 * with the same rules and messages for both. Problems are collected, not thrown one by one.
 */
public final class DefinitionReader {
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern HOURS = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d");
  private static final Set<String> KINDS = Set.of("air", "land", "sea");
  private static final int MAX_WORKSTATIONS = 500;

  private final JsonArray errors = new JsonArray();

  public JsonArray errors() { return errors; }

  public boolean ok() { return errors.isEmpty(); }

  /** A post from its definition; {@code null} when the definition has problems (see {@link #errors()}). */
  public Post post(String id, JsonObject def) {
    int before = errors.size();
    if (id == null || !ID.matcher(id).matches()) {
      fail("id", "post id must be 1–64 characters of A-Z a-z 0-9 . _ -");
    }
    String name = text(def, "name", 200);
    String country = def.getValue("country") instanceof String c ? c : null;
    String countryProblem = Countries.problem(country);
    if (countryProblem != null) {
      fail("country", countryProblem);
    }
    String kind = def.getValue("kind") instanceof String k ? k : null;
    if (!KINDS.contains(kind)) {
      fail("kind", "must be one of air, land, sea");
    }
    ZoneId zone = zone(def.getValue("timeZone"));
    String hours = null;
    Object h = def.getValue("operatingHours");
    if (h != null) {
      if (h instanceof String s && HOURS.matcher(s).matches()) {
        hours = s;
      } else {
        fail("operatingHours", "must look like 06:00-22:00 (post-local; 22:00-06:00 spans midnight)");
      }
    }
    List<Workstation> workstations = workstations(def.getValue("workstations"));
    for (String field : def.fieldNames()) {
      if (!Set.of("id", "name", "country", "kind", "timeZone", "operatingHours", "workstations").contains(field)) {
        fail(field, "unknown field; a post has name, country, kind, timeZone, operatingHours, workstations");
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return new Post(id, name, country, kind, zone, hours, workstations);
  }

  /** A region from its definition; {@code null} when it has problems. */
  public Region region(JsonObject def) {
    int before = errors.size();
    String id = def.getValue("id") instanceof String s ? s : null;
    if (id == null || !ID.matcher(id).matches()) {
      fail("id", "region id must be 1–64 characters of A-Z a-z 0-9 . _ -");
    }
    String name = text(def, "name", 200);
    List<String> countries = new ArrayList<>();
    if (def.getValue("countries") instanceof JsonArray arr && !arr.isEmpty()) {
      for (int i = 0; i < arr.size(); i++) {
        String c = arr.getValue(i) instanceof String s ? s : null;
        String problem = Countries.problem(c);
        if (problem != null) {
          fail("countries[" + i + "]", problem);
        } else if (!countries.contains(c)) {
          countries.add(c);
        }
      }
    } else {
      fail("countries", "must be a non-empty list of ISO 3166-1 alpha-3 codes");
    }
    return errors.size() > before ? null : new Region(id, name, countries);
  }

  private List<Workstation> workstations(Object value) {
    List<Workstation> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof JsonArray arr) || arr.size() > MAX_WORKSTATIONS) {
      fail("workstations", "must be a list of at most " + MAX_WORKSTATIONS + " {id, name} objects");
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < arr.size(); i++) {
      String field = "workstations[" + i + "]";
      if (!(arr.getValue(i) instanceof JsonObject w)) {
        fail(field, "must be an object {id, name}");
        continue;
      }
      String wid = w.getValue("id") instanceof String s ? s : null;
      if (wid == null || !ID.matcher(wid).matches()) {
        fail(field + ".id", "workstation id must be 1–64 characters of A-Z a-z 0-9 . _ -");
        continue;
      }
      if (!seen.add(wid)) {
        fail(field + ".id", "workstation id '" + wid + "' appears twice");
        continue;
      }
      String wname = w.getValue("name") instanceof String s && !s.isBlank() ? s : wid;
      out.add(new Workstation(wid, wname));
    }
    return out;
  }

  private ZoneId zone(Object value) {
    if (value instanceof String s) {
      try {
        if (s.contains("/") || s.equals("UTC")) {
          return ZoneId.of(s);
        }
      } catch (DateTimeException e) {
        // reported below
      }
    }
    fail("timeZone", "must be an IANA time zone such as Asia/Bangkok");
    return null;
  }

  private String text(JsonObject def, String field, int max) {
    Object v = def.getValue(field);
    if (v instanceof String s && !s.isBlank() && s.length() <= max) {
      return s.strip();
    }
    fail(field, "must be a non-empty text of at most " + max + " characters");
    return null;
  }

  private void fail(String field, String message) {
    errors.add(Problems.error(null, field, message));
  }
}
