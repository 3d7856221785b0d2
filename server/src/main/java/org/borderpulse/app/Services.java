package org.borderpulse.app;

import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Pool;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.auth.PostTokenApi;
import org.borderpulse.auth.SessionApi;
import org.borderpulse.catalog.CatalogApi;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.config.Settings;
import org.borderpulse.ingest.IngestApi;
import org.borderpulse.query.QueryApi;
import org.borderpulse.live.LiveApi;
import org.borderpulse.dashboard.DashboardApi;
import org.borderpulse.alert.AlertApi;
import org.borderpulse.alert.PostActivityApi;
import org.borderpulse.alert.RuleApi;

/**
 * What the verticles of a node share: the pool, the catalog snapshot and the handlers built on
 * them. Everything here is thread-safe (immutable snapshots or Vert.x clients).
 */
public record Services(Settings settings, Pool pool, OpenAPIContract contract, String contractText,
    PostCatalog catalog, Authenticator authenticator, IngestApi ingestApi, CatalogApi catalogApi,
    PostTokenApi postTokenApi, SessionApi sessionApi, QueryApi queryApi, LiveApi liveApi, DashboardApi dashboardApi, RuleApi ruleApi,
    AlertApi alertApi, PostActivityApi activityApi, HealthChecks liveness,
    HealthChecks readiness) {}
