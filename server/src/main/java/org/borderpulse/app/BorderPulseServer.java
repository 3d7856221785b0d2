package org.borderpulse.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.borderpulse.auth.AdminToken;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.auth.PostTokenApi;
import org.borderpulse.auth.TokenStore;
import org.borderpulse.catalog.CatalogApi;
import org.borderpulse.catalog.CatalogStore;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.catalog.Region;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.borderpulse.http.HttpVerticle;
import org.borderpulse.ingest.EventStore;
import org.borderpulse.ingest.IngestApi;
import org.borderpulse.dashboard.DashboardApi;
import org.borderpulse.dashboard.DashboardLibrary;
import org.borderpulse.dashboard.DashboardVerticle;
import org.borderpulse.live.LiveApi;
import org.borderpulse.live.LiveSettings;
import org.borderpulse.live.LiveStats;
import org.borderpulse.auth.OneTimeCodes;
import org.borderpulse.auth.SessionApi;
import org.borderpulse.auth.Sessions;
import org.borderpulse.query.QueryScope;
import org.borderpulse.query.CubeVerticle;
import org.borderpulse.query.QueryApi;
import org.borderpulse.store.Database;
import org.borderpulse.store.EmbeddedDatabase;
import org.borderpulse.store.ExternalDatabase;
import org.borderpulse.store.Migrations;
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
  private final AdminToken.Resolved adminToken;
  private final List<String> deployments;
  private final int port;

  private BorderPulseServer(Vertx vertx, Settings settings, Database database, Pool pool,
      AdminToken.Resolved adminToken, List<String> deployments, int port) {
    this.vertx = vertx;
    this.settings = settings;
    this.database = database;
    this.pool = pool;
    this.adminToken = adminToken;
    this.deployments = deployments;
    this.port = port;
  }

  /** What start-up needs from blocking calls, gathered on a worker thread. */
  private record Prepared(Database db, AdminToken.Resolved admin, List<Post> posts, List<Region> regions,
      String contractText) {}

  public static Future<BorderPulseServer> start(Vertx vertx, Settings settings) {
    AtomicBoolean migrated = new AtomicBoolean();
    return vertx.executeBlocking(() -> prepare(settings, migrated))
        .compose(p -> {
          Pool pool = Pools.create(vertx, p.db(), settings.integer(Setting.DATABASE_POOL_SIZE),
              settings.integer(Setting.DATABASE_POOL_QUEUE));
          return wire(vertx, settings, p, pool, migrated).recover(e -> pool.close()
              .eventually(() -> vertx.executeBlocking(() -> {
                p.db().close();
                return null;
              }))
              .transform(x -> Future.failedFuture(e)));
        });
  }

  private static Future<BorderPulseServer> wire(Vertx vertx, Settings settings, Prepared p, Pool pool,
      AtomicBoolean migrated) {
    CatalogStore catalogStore = new CatalogStore(pool);
    PostCatalog catalog = new PostCatalog(catalogStore);
    TokenStore tokens = new TokenStore(pool);
    AtomicBoolean aggregatesLoaded = new AtomicBoolean();
    LiveSettings live = LiveSettings.of(settings);
    LiveStats liveStats = new LiveStats();
    OneTimeCodes tickets = new OneTimeCodes(Clock.systemUTC(), "bpt_", 60);
    OneTimeCodes signInCodes = new OneTimeCodes(Clock.systemUTC(), "bpc_", 600);
    Sessions sessions = new Sessions(pool);
    List<String> deployments = new java.util.ArrayList<>();
    return catalogStore.putRegions(p.regions())
        .compose(x -> catalogStore.putPosts(p.posts()))
        .compose(x -> catalog.reload())
        .compose(x -> catalogStore.listRegions())
        .compose(regionList -> {
          Map<String, Set<String>> regions = new HashMap<>();
          regionList.forEach(r -> regions.put(r.id(), Set.copyOf(r.countries())));
          DashboardLibrary dashboards = new DashboardLibrary(settings.referenceFile(Setting.DASHBOARDS_DIR),
              regions.keySet());
          return vertx.deployVerticle(new CubeVerticle(p.db(), catalog, regions, aggregatesLoaded,
                  liveStats.distinctQueries, live.intervalMs()))
              .compose(cubeId -> {
                deployments.add(cubeId);
                return vertx.deployVerticle(new DashboardVerticle(dashboards));
              })
              .compose(dashboardsId -> {
                deployments.add(dashboardsId);
                return OpenAPIContract.from(vertx, CONTRACT);
              })
              .map(contract -> services(vertx, settings, p, pool, contract, catalog, catalogStore, tokens,
                  new Authenticator(p.admin().token(), tokens, tickets::redeem, sessions), sessions, signInCodes,
                  tickets, regions, live, liveStats, dashboards, migrated, aggregatesLoaded));
        })
        .compose(services -> deployHttp(vertx, services))
        .map(d -> {
          deployments.addAll(d.ids());
          return new BorderPulseServer(vertx, settings, p.db(), pool, p.admin(), deployments, d.port());
        });
  }

  private static Services services(Vertx vertx, Settings settings, Prepared p, Pool pool, OpenAPIContract contract,
      PostCatalog catalog, CatalogStore catalogStore, TokenStore tokens, Authenticator auth, Sessions sessions,
      OneTimeCodes signInCodes, OneTimeCodes tickets, Map<String, Set<String>> regions, LiveSettings live,
      LiveStats liveStats, DashboardLibrary dashboards, AtomicBoolean migrated, AtomicBoolean aggregatesLoaded) {
    return new Services(settings, pool, contract, p.contractText(), catalog, auth,
        new IngestApi(vertx, catalog, new EventStore(pool), Clock.systemUTC()),
        new CatalogApi(catalog, catalogStore), new PostTokenApi(catalog, tokens),
        new SessionApi(auth, sessions, signInCodes, QueryScope::mayRead),
        new QueryApi(vertx, regions.keySet()),
        new LiveApi(vertx, live, tickets, liveStats, regions.keySet()),
        new DashboardApi(dashboards),
        HealthChecks.create(vertx).register("process", promise -> promise.complete(Status.OK())),
        readiness(vertx, pool, migrated, aggregatesLoaded));
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

  private static HealthChecks readiness(Vertx vertx, Pool pool, AtomicBoolean migrated, AtomicBoolean aggregates) {
    return HealthChecks.create(vertx)
        .register("database", 2000, promise -> pool.query("SELECT 1").execute()
            .onSuccess(r -> promise.complete(Status.OK()))
            .onFailure(e -> promise.complete(Status.KO(new io.vertx.core.json.JsonObject()
                .put("reason", "database unreachable: " + e.getMessage())))))
        .register("migrations", promise -> promise.complete(migrated.get() ? Status.OK() : Status.KO()))
        .register("aggregates", promise -> promise.complete(aggregates.get() ? Status.OK() : Status.KO()));
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

  /**
   * Stops accepting requests, lets in-flight batches finish, then closes the pool and stops an
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
        .eventually(() -> vertx.executeBlocking(() -> {
          database.close();
          return null;
        }))
        .mapEmpty();
  }
}
