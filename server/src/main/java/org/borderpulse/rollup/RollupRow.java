package org.borderpulse.rollup;

import io.vertx.core.json.JsonArray;
import java.time.LocalDate;

/**
 * One rollup row: a post-local day, a post, the event type and every dimension value ({@code ""}
 * when the type has none), the absolute value and the row's version.
 *
 * @param type 0 document check, 1 interception, 2 crossing count
 * @param value document checks, interception persons or travellers
 */
public record RollupRow(LocalDate day, String post, int type, String workstation, String outcome,
    String documentType, String fraudType, String issuingCountry, String nationality, String reason,
    String direction, long value, long events, long version) {

  public static final int DOCUMENT_CHECK = 0;
  public static final int INTERCEPTION = 1;
  public static final int CROSSING_COUNT = 2;

  /** The same dimensions, another value (used to sum deltas). */
  RollupRow plus(long v, long e) {
    return new RollupRow(day, post, type, workstation, outcome, documentType, fraudType, issuingCountry,
        nationality, reason, direction, value + v, events + e, version);
  }

  String dimensionKey() {
    return day + "|" + post + "|" + type + "|" + workstation + "|" + outcome + "|" + documentType + "|" + fraudType
        + "|" + issuingCountry + "|" + nationality + "|" + reason + "|" + direction;
  }

  /** Compact wire form for the event bus. */
  public JsonArray toJson() {
    return new JsonArray().add(day.toEpochDay()).add(post).add(type).add(workstation).add(outcome).add(documentType)
        .add(fraudType).add(issuingCountry).add(nationality).add(reason).add(direction).add(value).add(events)
        .add(version);
  }

  public static RollupRow fromJson(JsonArray a) {
    return new RollupRow(LocalDate.ofEpochDay(a.getLong(0)), a.getString(1), a.getInteger(2), a.getString(3),
        a.getString(4), a.getString(5), a.getString(6), a.getString(7), a.getString(8), a.getString(9),
        a.getString(10), a.getLong(11), a.getLong(12), a.getLong(13));
  }
}
