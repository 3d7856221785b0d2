package org.borderpulse.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.borderpulse.auth.AdminToken;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.catalog.Region;
import org.borderpulse.config.ConfigException;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.borderpulse.http.HttpVerticle;
import org.borderpulse.alert.RuleFile;
import org.borderpulse.alert.eval.AlertVerticle;
import org.borderpulse.alert.notify.DeliveryVerticle;
import java.time.Clock;
import org.borderpulse.dashboard.DashboardLibrary;
import org.borderpulse.dashboard.DashboardVerticle;
import org.borderpulse.query.CubeVerticle;
import org.borderpulse.rollup.RollupWriter;
import org.borderpulse.store.Database;
import org.borderpulse.store.EmbeddedDatabase;
import org.borderpulse.store.ExternalDatabase;
import org.borderpulse.store.Migrations;
import org.borderpulse.store.CopyPool;
import org.borderpulse.store.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BorderPulse node: starts (or connects to) the database, migrates it, provisions the
 * reference data, deploys the verticles; and stops them in the reverse order.
 */
public final class BorderPulseServer {
  private static final Logger LOG = LoggerFactory.getLogger(BorderPulseServer.class);
  public static final String CONTRACT = "openapi/borderpulse.yaml";

  private final Vertx vertx;
  private final Settings settings;
  private final Database database;
  private final Pool pool;
  private final CopyPool copies;
  private final AdminToken.Resolved adminToken;
  private final List<String> deployments;
  private final int port;

  private BorderPulseServer(Vertx vertx, Settings settings, Database database, Pool pool, CopyPool copies,
      AdminToken.Resolved adminToken, List<String> deployments, int port) {
    this.vertx = vertx;
    this.settings = settings;
    this.database = database;
    this.pool = pool;
    this.copies = copies;
    this.adminToken = adminToken;
    this.deployments = deployments;
    this.port = port;
  }

  /** What start-up needs from blocking calls, gathered on a worker thread. */
  record Prepared(Database db, AdminToken.Resolved admin, List<Post> posts, List<Region> regions,
      String contractText) {}

  public static Future<BorderPulseServer> start(Vertx vertx, Settings settings) {
    return start(vertx, settings, Clock.systemUTC());
  }

  /** @param alertClock the alert evaluator's clock (tests move it instead of waiting minutes) */
  public static Future<BorderPulseServer> start(Vertx vertx, Settings settings, Clock alertClock) {
    AtomicBoolean migrated = new AtomicBoolean();
    int poolSize, poolQueue, copyConnections;
    try { // before anything starts: a bad value leaves nothing running
      poolSize = settings.integer(Setting.DATABASE_POOL_SIZE, 1);
      poolQueue = settings.integer(Setting.DATABASE_POOL_QUEUE, 0);
      copyConnections = settings.integer(Setting.INGEST_CONNECTIONS, 1);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    return vertx.executeBlocking(() -> prepare(settings, migrated))
        .compose(p -> {
          Pool pool = Pools.create(vertx, p.db(), poolSize, poolQueue);
          CopyPool copies = new CopyPool(vertx, p.db(), copyConnections, poolQueue);
          return wire(vertx, settings, p, pool, copies, migrated, alertClock).recover(e -> pool.close()
              .eventually(copies::close)
              .eventually(() -> vertx.executeBlocking(() -> {
                p.db().close();
                return null;
              }))
              .transform(x -> Future.failedFuture(e)));
        });
  }

  private static Future<BorderPulseServer> wire(Vertx vertx, Settings settings, Prepared p, Pool pool,
      CopyPool copies, AtomicBoolean migrated, Clock alertClock) {
    NodeParts parts = new NodeParts(vertx, settings, p, pool, copies, migrated);
    List<String> deployments = new java.util.ArrayList<>();
    return parts.catalogStore.putRegions(p.regions())
        .compose(x -> parts.catalogStore.putPosts(p.posts()))
        .compose(x -> parts.catalog.reload())
        .compose(x -> parts.catalogStore.listRegions())
        .compose(regionList -> {
          Map<String, Set<String>> regions = new HashMap<>();
          regionList.forEach(r -> regions.put(r.id(), Set.copyOf(r.countries())));
          DashboardLibrary dashboards = new DashboardLibrary(settings.referenceFile(Setting.DASHBOARDS_DIR),
              regions.keySet());
          return vertx.executeBlocking(() -> RuleFile.read(settings.referenceFile(Setting.ALERTS_FILE),
                  regions.keySet()))
              .compose(fileRules -> parts.rules.putAll(fileRules, "file"))
              .compose(x -> vertx.deployVerticle(new RollupWriter(pool,
                  post -> parts.catalog.get(post).map(Post::timeZone).orElse(null),
                  settings.integer(Setting.ROLLUP_FLUSH_MS))))
              .compose(writerId -> {
                deployments.add(writerId);
                return vertx.deployVerticle(new CubeVerticle(p.db(), parts.catalog, regions, parts.aggregatesLoaded,
                    parts.liveStats.distinctQueries, parts.live.intervalMs()));
              })
              .compose(cubeId -> {
                deployments.add(cubeId);
                return vertx.deployVerticle(new AlertVerticle(pool, parts.catalog, regions, alertClock,
                    settings.integer(Setting.ALERTS_EVALUATE_SECONDS) * 1000L, settings.integer(Setting.ALERTS_DEBOUNCE_MS)));
              })
              .compose(alertsId -> {
                deployments.add(alertsId);
                return vertx.deployVerticle(new DeliveryVerticle(pool, settings));
              })
              .compose(deliveryId -> {
                deployments.add(deliveryId);
                return vertx.deployVerticle(new DashboardVerticle(dashboards));
              })
              .compose(dashboardsId -> {
                deployments.add(dashboardsId);
                return OpenAPIContract.from(vertx, CONTRACT);
              })
              .map(contract -> parts.services(contract, regions, dashboards));
        })
        .compose(services -> deployHttp(vertx, services))
        .map(d -> {
          deployments.addAll(d.ids());
          return new BorderPulseServer(vertx, settings, p.db(), pool, copies, p.admin(), deployments, d.port());
        });
  }

  private static Prepared prepare(Settings settings, AtomicBoolean migrated) {
    List<Region> regions = ReferenceFiles.regions(settings.referenceFile(Setting.REGIONS_FILE));
    List<Post> posts = ReferenceFiles.posts(settings.referenceFile(Setting.POSTS_FILE));
    AdminToken.Resolved admin = AdminToken.resolve(settings);
    String contractText = resource(CONTRACT);
    Database db = settings.optional(Setting.DATABASE_URL)
        .<Database>map(ExternalDatabase::fromUrl)
        .orElseGet(() -> EmbeddedDatabase.start(settings.dataDir().resolve("pg"), 0));
    try {
      LOG.info("Database: {}", db.describe());
      Migrations.migrate(db);
      migrated.set(true);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return new Prepared(db, admin, posts, regions, contractText);
  }

  private record Deployed(List<String> ids, int port) {}

  /**
   * All instances listen on one port. Port 0 becomes -1: Vert.x then binds one random port and
   * shares it among the instances (with 0 each instance would get a port of its own).
   */
  private static Future<Deployed> deployHttp(Vertx vertx, Services services) {
    int instances = Math.max(1, services.settings().integer(Setting.HTTP_INSTANCES));
    int configured = services.settings().integer(Setting.PORT);
    int port = configured == 0 ? -1 : configured;
    List<HttpVerticle> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
          HttpVerticle v = new HttpVerticle(services, port);
          started.add(v);
          return v;
        }, new DeploymentOptions().setInstances(instances))
        .map(id -> new Deployed(List.of(id), started.get(0).actualPort()));
  }

  static String resource(String name) {
    try (InputStream in = BorderPulseServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() { return port; }

  public Settings settings() { return settings; }

  public AdminToken.Resolved adminToken() { return adminToken; }

  public Database database() { return database; }

  public Pool pool() { return pool; }

  public CopyPool copies() { return copies; }

  /**
   * Stops accepting requests, lets in-flight batches finish, then closes the pools and stops an
   * embedded database.
   */
  public Future<Void> stop() {
    Future<?> undeployed = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      undeployed = undeployed.eventually(() -> vertx.undeploy(id));
    }
    return undeployed
        .eventually(pool::close)
        .eventually(copies::close)
        .eventually(() -> vertx.executeBlocking(() -> {
          database.close();
          return null;
        }))
        .mapEmpty();
  }
}
