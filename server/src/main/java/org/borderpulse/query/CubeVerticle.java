package org.borderpulse.query;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import org.borderpulse.store.Database;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.catalog.Post;
import org.borderpulse.http.ApiException;
import org.borderpulse.rollup.Cube;
import org.borderpulse.rollup.RollupBus;
import org.borderpulse.rollup.RollupStore;
import org.borderpulse.rollup.RollupLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the node's live aggregate: loads the rollup rows at start (the writer has folded every
 * committed batch by then, and ingest starts after), adds every committed batch's deltas, and
 * answers queries from memory. One instance, one thread: the cube is
 * never shared.
 */
public final class CubeVerticle extends VerticleBase {
  public static final String QUERY = "borderpulse.query";
  private static final Logger LOG = LoggerFactory.getLogger(CubeVerticle.class);
  /** Parallel COPY slices at start-up (this machine class has two cores). */
  private static final int LOAD_SLICES = 2;

  private final Database database;
  private final PostCatalog catalog;
  private final Map<String, Set<String>> regions;
  private final AtomicBoolean ready;
  private final java.util.concurrent.atomic.AtomicInteger liveQueries;
  private final long liveInterval;
  private final Cube cube = new Cube();

  /** @param ready set once the rollups are loaded (the readiness check reads it) */
  public CubeVerticle(Database database, PostCatalog catalog, Map<String, Set<String>> regions, AtomicBoolean ready,
      java.util.concurrent.atomic.AtomicInteger liveQueries, long liveIntervalMs) {
    this.database = database;
    this.catalog = catalog;
    this.regions = regions;
    this.ready = ready;
    this.liveQueries = liveQueries;
    this.liveInterval = liveIntervalMs;
  }

  @Override
  public Future<?> start() {
    LocalCodec.register(vertx);
    QueryEngine engine = new QueryEngine(cube, post -> catalog.get(post).map(Post::country).orElse(null), regions);
    LiveQueries live = new LiveQueries(engine, liveQueries, liveInterval);
    RollupBus.register(vertx);
    MessageConsumer<RollupBus.Deltas> rows = vertx.eventBus().<RollupBus.Deltas>localConsumer(RollupBus.DELTAS, m -> {
      for (RollupStore.Delta d : m.body().deltas()) {
        cube.add(d.row(), (post, day, key, value) -> live.changed(post, day, key));
      }
      live.flush(vertx);
    });
    long started = System.nanoTime();
    return rows.completion()
        .compose(x -> vertx.executeBlocking(() -> RollupLoader.load(database, LOAD_SLICES,
            chunk -> context.runOnContext(v -> chunk.forEach(r -> cube.add(r, null)))), false).compose(n -> {
            LOG.info("Aggregates ready: {} rollup rows in {} ms", n, (System.nanoTime() - started) / 1_000_000);
            MessageConsumer<Query> queries = vertx.eventBus().<Query>localConsumer(QUERY, m -> {
              try {
                m.reply(engine.run(m.body()), new DeliveryOptions().setCodecName(LocalCodec.NAME));
              } catch (ApiException e) {
                m.fail(e.status(), e.getMessage());
              }
            });
            MessageConsumer<Query> subscribe = vertx.eventBus().<Query>localConsumer(LiveQueries.SUBSCRIBE, m -> {
              try {
                m.reply(live.subscribe(m.body()), new DeliveryOptions().setCodecName(LocalCodec.NAME));
              } catch (ApiException e) {
                m.fail(e.status(), e.getMessage());
              }
            });
            MessageConsumer<String> unsubscribe = vertx.eventBus().<String>localConsumer(LiveQueries.UNSUBSCRIBE,
                m -> live.unsubscribe(m.body()));
            vertx.setPeriodic(Math.max(10, liveInterval / 5), t -> live.flush(vertx));
            return Future.all(queries.completion(), subscribe.completion(), unsubscribe.completion());
          }))
        .onSuccess(x -> ready.set(true));
  }
}
