package org.borderpulse.bench;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.borderpulse.query.Dimension;
import org.borderpulse.query.Interval;
import org.borderpulse.query.RawSql;

/** Answers a query string the way a dashboard tool polling PostgreSQL would: GROUP BY over raw events. */
final class SqlBaseline {
  private SqlBaseline() {}

  static void answer(RawSql sql, String query) throws Exception {
    String kind = query.substring(0, query.indexOf('?'));
    Map<String, String> p = new LinkedHashMap<>();
    for (String kv : query.substring(query.indexOf('?') + 1).split("&")) {
      p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    Map<String, Set<String>> filters = new HashMap<>();
    p.forEach((k, v) -> {
      if (Dimension.byId(k) != null) {
        filters.put(k, Set.of(v.split(",")));
      }
    });
    LocalDate from = p.containsKey("from") ? LocalDate.parse(p.get("from")) : null;
    LocalDate to = p.containsKey("to") ? LocalDate.parse(p.get("to")) : null;
    switch (kind) {
      case "summary" -> {
        Interval.Period period = Interval.parse(p.get("period"));
        await(sql.sums(null, null, filters, period.start(), period.end()));
        await(sql.sums(null, null, filters, period.previous().start(), period.previous().end()));
      }
      case "series" -> await(sql.sums(p.get("groupBy"), p.get("interval"), filters, from, to));
      default -> await(sql.sums(p.get("by"), null, filters, from, to));
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
