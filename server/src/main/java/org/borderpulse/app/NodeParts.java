package org.borderpulse.app;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.borderpulse.alert.AlertApi;
import org.borderpulse.alert.AlertBus;
import org.borderpulse.alert.PostActivityApi;
import org.borderpulse.alert.RuleApi;
import org.borderpulse.alert.RuleStore;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.auth.OneTimeCodes;
import org.borderpulse.auth.PostTokenApi;
import org.borderpulse.auth.SessionApi;
import org.borderpulse.auth.Sessions;
import org.borderpulse.auth.TokenStore;
import org.borderpulse.catalog.CatalogApi;
import org.borderpulse.catalog.CatalogStore;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.config.Settings;
import org.borderpulse.dashboard.DashboardApi;
import org.borderpulse.dashboard.DashboardLibrary;
import org.borderpulse.ingest.EventStore;
import org.borderpulse.ingest.IngestApi;
import org.borderpulse.live.LiveApi;
import org.borderpulse.live.LiveSettings;
import org.borderpulse.live.LiveStats;
import org.borderpulse.query.QueryApi;
import org.borderpulse.query.QueryScope;
import org.borderpulse.store.CopyPool;

/** The parts a node's verticles share, made once at start-up, and the handlers built on them. */
final class NodeParts {
  final Vertx vertx;
  final Settings settings;
  final BorderPulseServer.Prepared prepared;
  final Pool pool;
  final CopyPool copies;
  final CatalogStore catalogStore;
  final PostCatalog catalog;
  final TokenStore tokens;
  final Sessions sessions;
  final OneTimeCodes tickets = new OneTimeCodes(Clock.systemUTC(), "bpt_", 60);
  final OneTimeCodes signInCodes = new OneTimeCodes(Clock.systemUTC(), "bpc_", 600);
  final LiveSettings live;
  final RuleStore rules;
  final LiveStats liveStats = new LiveStats();
  final AtomicBoolean migrated;
  final AtomicBoolean aggregatesLoaded = new AtomicBoolean();

  NodeParts(Vertx vertx, Settings settings, BorderPulseServer.Prepared prepared, Pool pool, CopyPool copies,
      AtomicBoolean migrated) {
    this.vertx = vertx;
    this.settings = settings;
    this.prepared = prepared;
    this.pool = pool;
    this.copies = copies;
    this.catalogStore = new CatalogStore(pool);
    this.catalog = new PostCatalog(catalogStore);
    this.tokens = new TokenStore(pool);
    this.sessions = new Sessions(pool);
    this.live = LiveSettings.of(settings);
    this.rules = new RuleStore(pool);
    this.migrated = migrated;
  }

  Services services(OpenAPIContract contract, Map<String, Set<String>> regions, DashboardLibrary dashboards) {
    Authenticator auth = new Authenticator(prepared.admin().token(), tokens, tickets::redeem, sessions);
    return new Services(settings, pool, contract, prepared.contractText(), catalog, auth,
        new IngestApi(vertx, catalog, new EventStore(pool, copies), Clock.systemUTC()),
        new CatalogApi(catalog, catalogStore), new PostTokenApi(catalog, tokens),
        new SessionApi(auth, sessions, signInCodes, QueryScope::mayRead),
        new QueryApi(vertx, regions.keySet()),
        new LiveApi(vertx, live, tickets, liveStats, regions.keySet()),
        new DashboardApi(dashboards),
        new RuleApi(rules, regions.keySet(), () -> vertx.eventBus().publish(AlertBus.RELOAD, "rules")),
        new AlertApi(vertx, pool),
        new PostActivityApi(vertx),
        HealthChecks.create(vertx).register("process", promise -> promise.complete(Status.OK())),
        readiness());
  }

  /** Ready: the database answers, the schema is migrated, the aggregates are loaded. */
  private HealthChecks readiness() {
    return HealthChecks.create(vertx)
        .register("database", 2000, promise -> pool.query("SELECT 1").execute()
            .onSuccess(r -> promise.complete(Status.OK()))
            .onFailure(e -> promise.complete(Status.KO(new JsonObject()
                .put("reason", "database unreachable: " + e.getMessage())))))
        .register("migrations", promise -> promise.complete(migrated.get() ? Status.OK() : Status.KO()))
        .register("aggregates", promise -> promise.complete(aggregatesLoaded.get() ? Status.OK() : Status.KO()));
  }
}
