package org.borderpulse.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.borderpulse.alert.eval.Instance;

/**
 * Silences mute the notifications (webhooks, e-mail) of the alerts they match until a time.
 * A matcher is {@code {"name": label, "value": v}}; every matcher of a silence must match.
 * Labels: {@code id} (the alert), {@code rule}, {@code severity}, {@code country}, and the
 * alert's group labels ({@code post}, {@code region}, {@code workstation}, {@code country}).
 */
public final class Silences {
  public static final List<String> LABELS = List.of("id", "rule", "severity", "country", "post", "region",
      "workstation");

  private Silences() {}

  /**
   * A silence starts when it is created (only those not yet expired are loaded) and ends at its
   * {@code until}.
   *
   * @param silences active silences: {@code {"matchers": [...], "until": ms}}
   */
  public static boolean mutes(List<JsonObject> silences, Instance a, long nowMs) {
    for (JsonObject s : silences) {
      if (nowMs < s.getLong("until") && matches(s.getJsonArray("matchers"), a)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(JsonArray matchers, Instance a) {
    for (Object o : matchers) {
      JsonObject m = (JsonObject) o;
      if (!m.getString("value").equals(label(a, m.getString("name")))) {
        return false;
      }
    }
    return !matchers.isEmpty();
  }

  private static String label(Instance a, String name) {
    return switch (name) {
      case "id" -> a.id;
      case "rule" -> a.ruleId;
      case "severity" -> a.severity;
      case "country" -> a.labels.getString("country", a.country);
      default -> a.labels.getString(name);
    };
  }
}
