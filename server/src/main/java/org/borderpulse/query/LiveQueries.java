package org.borderpulse.query;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The distinct queries live subscribers watch, on the cube's thread. A changed rollup row
 * marks the queries it can affect; every interval each marked query is evaluated once and its
 * answer published once, however many screens show it.
 */
public final class LiveQueries {
  public static final String SUBSCRIBE = "borderpulse.live.subscribe";
  public static final String UNSUBSCRIBE = "borderpulse.live.unsubscribe";
  public static final String RESULTS = "borderpulse.live.results";

  /** A query's new answer, encoded once. */
  public record Result(String key, String json) {}

  private static final class Entry {
    final Query query;
    final QueryEngine.Matcher matcher;
    int subscribers;
    boolean dirty;
    long publishedAt = Long.MIN_VALUE / 2;

    Entry(Query query, QueryEngine.Matcher matcher) {
      this.query = query;
      this.matcher = matcher;
    }
  }

  private final Map<String, Entry> entries = new HashMap<>();
  private final QueryEngine engine;
  private final AtomicInteger distinct;
  private final long intervalNanos;

  public LiveQueries(QueryEngine engine, AtomicInteger distinct, long intervalMs) {
    this.engine = engine;
    this.distinct = distinct;
    this.intervalNanos = intervalMs * 1_000_000;
  }

  /** Adds a subscriber; returns the snapshot (the same JSON as REST), encoded. */
  public String subscribe(Query q) {
    String json = engine.run(q).encode();
    entries.computeIfAbsent(q.key(), k -> new Entry(q, engine.matcher(q))).subscribers++;
    distinct.set(entries.size());
    return json;
  }

  public void unsubscribe(String key) {
    Entry e = entries.get(key);
    if (e != null && --e.subscribers <= 0) {
      entries.remove(key);
      distinct.set(entries.size());
    }
  }

  /** A rollup row changed: mark the queries it touches. */
  public void changed(int post, int day, long key) {
    for (Entry e : entries.values()) {
      if (!e.dirty && e.matcher.touches(post, day, key)) {
        e.dirty = true;
      }
    }
  }

  /**
   * Evaluates each marked query whose last answer is at least an interval old, once, and
   * publishes it to every HTTP verticle. Called right after a batch is applied (so a quiet
   * query is updated at once) and on a timer (for queries that were marked too soon after
   * their previous update): at most one update per query per interval either way.
   */
  public void flush(Vertx vertx) {
    long now = System.nanoTime();
    DeliveryOptions byReference = new DeliveryOptions().setCodecName(LocalCodec.NAME);
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      if (entry.dirty && now - entry.publishedAt >= intervalNanos) {
        entry.dirty = false;
        entry.publishedAt = now;
        vertx.eventBus().publish(RESULTS, new Result(e.getKey(), engine.run(entry.query).encode()), byReference);
      }
    }
  }
}
