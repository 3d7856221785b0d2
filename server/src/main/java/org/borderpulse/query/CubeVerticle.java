package org.borderpulse.query;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.catalog.Post;
import org.borderpulse.http.ApiException;
import org.borderpulse.rollup.Cube;
import org.borderpulse.rollup.RollupBus;
import org.borderpulse.rollup.RollupRow;
import org.borderpulse.rollup.RollupStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the node's live aggregate: loads the rollup rows at start, applies every committed
 * batch's rollup rows, and answers queries from memory. One instance, one thread: the cube is
 * never shared.
 */
public final class CubeVerticle extends VerticleBase {
  public static final String QUERY = "borderpulse.query";
  private static final Logger LOG = LoggerFactory.getLogger(CubeVerticle.class);

  private final Pool pool;
  private final PostCatalog catalog;
  private final Map<String, Set<String>> regions;
  private final AtomicBoolean ready;
  private final Cube cube = new Cube();

  /** @param ready set once the rollups are loaded (the readiness check reads it) */
  public CubeVerticle(Pool pool, PostCatalog catalog, Map<String, Set<String>> regions, AtomicBoolean ready) {
    this.pool = pool;
    this.catalog = catalog;
    this.regions = regions;
    this.ready = ready;
  }

  @Override
  public Future<?> start() {
    LocalCodec.register(vertx);
    MessageConsumer<JsonArray> rows = vertx.eventBus().<JsonArray>localConsumer(RollupBus.ROWS, m -> {
      for (int i = 0; i < m.body().size(); i++) {
        cube.apply(RollupRow.fromJson(m.body().getJsonArray(i)));
      }
    });
    long started = System.nanoTime();
    QueryEngine engine = new QueryEngine(cube, post -> catalog.get(post).map(Post::country).orElse(null), regions);
    return rows.completion()
        .compose(x -> RollupStore.load(pool, cube::apply).compose(n -> {
            LOG.info("Aggregates ready: {} rollup rows in {} ms", n, (System.nanoTime() - started) / 1_000_000);
            MessageConsumer<Query> queries = vertx.eventBus().<Query>localConsumer(QUERY, m -> {
              try {
                m.reply(engine.run(m.body()), new DeliveryOptions().setCodecName(LocalCodec.NAME));
              } catch (ApiException e) {
                m.fail(e.status(), e.getMessage());
              }
            });
            return queries.completion();
          }))
        .onSuccess(x -> ready.set(true));
  }
}
