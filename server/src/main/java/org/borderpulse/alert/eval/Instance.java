package org.borderpulse.alert.eval;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/** One alert instance: a rule and a group (or a matching event), with its state and timestamps. */
public final class Instance {
  public String id;
  public String ruleId;
  public String groupKey;
  public JsonObject labels;
  public String country;
  public String eventId;
  public String severity;
  public String state = "normal";
  public int episode;
  public Double value;
  public Double threshold;
  public String explanation = "";
  public String link = "";
  public Instant stateSince;
  public Instant pendingSince;
  public Instant firingSince;
  public Instant resolvedAt;
  public Instant lastTrueAt;
  public long version = -1;

  public Instance copy() {
    Instance c = new Instance();
    c.id = id;
    c.ruleId = ruleId;
    c.groupKey = groupKey;
    c.labels = labels;
    c.country = country;
    c.eventId = eventId;
    c.severity = severity;
    c.state = state;
    c.episode = episode;
    c.value = value;
    c.threshold = threshold;
    c.explanation = explanation;
    c.link = link;
    c.stateSince = stateSince;
    c.pendingSince = pendingSince;
    c.firingSince = firingSince;
    c.resolvedAt = resolvedAt;
    c.lastTrueAt = lastTrueAt;
    c.version = version;
    return c;
  }

  /** The alert as the API, webhooks and live frames show it (the contract). */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("rule", ruleId).put("state", state).put("severity", severity)
        .put("group", labels).put("value", number(value)).put("threshold", number(threshold))
        .put("since", stateSince == null ? null : stateSince.toString()).put("explanation", explanation)
        .put("link", link);
  }

  /** Whole numbers as integers (12, not 12.0). */
  static Number number(Double d) {
    if (d == null) {
      return null;
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d.doubleValue() : d;
  }

  /** An instance as stored ({@code AlertSql.COLUMNS}). */
  public static Instance of(Row r) {
    Instance i = new Instance();
    i.id = r.getString("id");
    i.ruleId = r.getString("rule_id");
    i.groupKey = r.getString("group_key");
    i.labels = (JsonObject) r.getJson("group_labels");
    i.country = r.getString("country");
    i.eventId = r.getString("event_id");
    i.severity = r.getString("severity");
    i.state = r.getString("state");
    i.episode = r.getInteger("episode");
    i.value = r.getDouble("value");
    i.threshold = r.getDouble("threshold");
    i.explanation = r.getString("explanation");
    i.link = r.getString("link");
    i.stateSince = instant(r, "state_since");
    i.pendingSince = instant(r, "pending_since");
    i.firingSince = instant(r, "firing_since");
    i.resolvedAt = instant(r, "resolved_at");
    i.lastTrueAt = instant(r, "last_true_at");
    i.version = r.getLong("version");
    return i;
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
