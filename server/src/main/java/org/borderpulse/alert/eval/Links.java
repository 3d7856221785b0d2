package org.borderpulse.alert.eval;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.borderpulse.query.Dimension;
import org.borderpulse.query.Metric;

/**
 * The dashboard view an alert points to: {@code /d/{dashboard}?post=…&period=…}, with the
 * query API's filter names (the web app reads them as its variables).
 */
final class Links {
  private Links() {}

  static String dashboardFor(Metric m) {
    if (m == null) {
      return "post-operations";
    }
    return switch (m) {
      case INTERCEPTIONS, CROSSINGS, ENTRIES, EXITS, INTERCEPTIONS_PER_10K_CROSSINGS -> "post-operations";
      default -> "fraud-overview";
    };
  }

  /** @param period a period label (day, quarter…) or null; from/to used when period is null */
  static String link(String dashboard, Rule r, JsonObject labels, String period, LocalDate from, LocalDate to) {
    Map<String, String> q = new LinkedHashMap<>();
    for (Dimension d : new Dimension[] {Dimension.COUNTRY, Dimension.REGION, Dimension.POST, Dimension.WORKSTATION}) {
      if (labels.getValue(d.id()) != null) {
        q.put(d.id(), labels.getString(d.id()));
      } else if (r != null && r.scope().containsKey(d)) {
        Set<String> v = r.scope().get(d);
        q.put(d.id(), String.join(",", v));
      }
    }
    if (period != null) {
      q.put("period", period);
    } else if (from != null) {
      q.put("from", from.toString());
      q.put("to", to.toString());
    }
    StringBuilder sb = new StringBuilder("/d/").append(dashboard);
    char sep = '?';
    for (Map.Entry<String, String> e : q.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
          .replace("%2C", ","));
      sep = '&';
    }
    return sb.toString();
  }
}
