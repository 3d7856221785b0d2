package org.borderpulse.alert.eval;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.borderpulse.query.Metric;

/**
 * Per-minute sums of one windowed rule, per group: the seven base sums of {@link Metric} per
 * minute of {@code occurredAt}. Minutes older than the rule needs are dropped.
 */
final class Windows {
  private final Map<String, TreeMap<Long, long[]>> byGroup = new HashMap<>();

  void add(String group, long minute, FeedEvent e) {
    e.addTo(byGroup.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(minute, m -> new long[Metric.SUMS]));
  }

  /** Sums of the minutes in [fromMinute, toMinute]. */
  long[] sum(String group, long fromMinute, long toMinute) {
    long[] out = new long[Metric.SUMS];
    TreeMap<Long, long[]> minutes = byGroup.get(group);
    if (minutes != null) {
      for (long[] s : minutes.subMap(fromMinute, true, toMinute, true).values()) {
        for (int i = 0; i < out.length; i++) {
          out[i] += s[i];
        }
      }
    }
    return out;
  }

  Iterable<String> groups() {
    return byGroup.keySet();
  }

  void prune(long beforeMinute) {
    Iterator<TreeMap<Long, long[]>> it = byGroup.values().iterator();
    while (it.hasNext()) {
      TreeMap<Long, long[]> m = it.next();
      m.headMap(beforeMinute).clear();
      if (m.isEmpty()) {
        it.remove();
      }
    }
  }
}
