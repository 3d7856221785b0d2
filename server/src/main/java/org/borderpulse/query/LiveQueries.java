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

    Entry(Query query, QueryEngine.Matcher matcher) {
      this.query = query;
      this.matcher = matcher;
    }
  }

  private final Map<String, Entry> entries = new HashMap<>();
  private final QueryEngine engine;
  private final AtomicInteger distinct;

  public LiveQueries(QueryEngine engine, AtomicInteger distinct) {
    this.engine = engine;
    this.distinct = distinct;
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

  /** Evaluates each marked query once and publishes its answer to every HTTP verticle. */
  public void flush(Vertx vertx) {
    DeliveryOptions byReference = new DeliveryOptions().setCodecName(LocalCodec.NAME);
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (e.getValue().dirty) {
        e.getValue().dirty = false;
        vertx.eventBus().publish(RESULTS, new Result(e.getKey(), engine.run(e.getValue().query).encode()), byReference);
      }
    }
  }
}
