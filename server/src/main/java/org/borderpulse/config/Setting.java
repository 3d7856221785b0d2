package org.borderpulse.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configurable value, in one table: its key in the YAML file, its environment variable,
 * its command-line flag (if any), its default and what it does. The README's configuration
 * table and {@code --help} are written from this table, so they cannot drift apart.
 */
public enum Setting {
  PORT("port", "--port", "8080", "HTTP port; 0 picks a free port"),
  HOST("host", "--host", "0.0.0.0", "address the HTTP server binds to"),
  DATA("data", "--data", "./data", "data directory: embedded database, admin token, spools"),
  DATABASE_URL("database.url", "--database-url", "",
      "external PostgreSQL, postgresql://user:pass@host:port/db; empty starts an embedded one in <data>/pg"),
  DATABASE_POOL_SIZE("database.poolSize", null, "8", "database connections per node (besides ingest.connections)"),
  DATABASE_POOL_QUEUE("database.poolQueue", null, "256",
      "requests that may wait for a database connection before new ones get 503"),
  ADMIN_TOKEN("admin.token", null, "",
      "admin API token; empty makes one on first start and keeps it in <data>/admin-token"),
  POSTS_FILE("reference.posts", null, "posts.yaml",
      "posts provisioned at start-up (relative paths resolve against the config file's folder)"),
  REGIONS_FILE("reference.regions", null, "regions.yaml",
      "regions provisioned at start-up (relative paths resolve against the config file's folder)"),
  ALERTS_FILE("reference.alerts", null, "alerts.yaml",
      "alert rules provisioned at start-up (relative paths resolve against the config file's folder)"),
  DASHBOARDS_DIR("dashboards.dir", null, "../dashboards",
      "dashboard and playlist files, re-read when they change (relative to the config file's folder)"),
  HTTP_INSTANCES("http.instances", null, "2", "HTTP verticle instances (one per core is right)"),
  SHUTDOWN_GRACE("http.shutdownGraceSeconds", null, "10",
      "on SIGTERM, how long in-flight requests may take to finish"),
  INGEST_CONNECTIONS("ingest.connections", null, "4",
      "database connections that store ingest batches (binary COPY), besides database.poolSize"),
  RETRY_AFTER("ingest.retryAfterSeconds", null, "5",
      "Retry-After sent with 503 while the database is unavailable"),
  ROLLUP_FLUSH_MS("rollup.flushMs", null, "1000",
      "how often committed batches are folded into the stored rollups (queries and live see them at once)"),
  LIVE_INTERVAL("live.intervalMs", null, "250", "live updates: at most one per subscription per this many ms"),
  LIVE_MAX_SUBSCRIPTIONS("live.maxSubscriptions", null, "100", "subscriptions per WebSocket connection"),
  LIVE_MAX_FRAME_BYTES("live.maxFrameBytes", null, "65536", "largest frame a client may send"),
  LIVE_MAX_CONNECTIONS_PER_TOKEN("live.maxConnectionsPerToken", null, "500",
      "WebSocket connections one token (or user) may hold at once"),
  LIVE_ALLOWED_ORIGINS("live.allowedOrigins", null, "",
      "browser origins allowed to open the WebSocket besides the server's own (comma-separated)"),
  LIVE_PING_SECONDS("live.pingSeconds", null, "20", "how often the server pings each WebSocket"),
  LIVE_IDLE_SECONDS("live.idleSeconds", null, "60", "a WebSocket silent this long is closed"),
  ALERTS_EVALUATE_SECONDS("alerts.evaluateSeconds", null, "10",
      "every this many seconds all alert rules are evaluated (time-based rules: windows, silence, for)"),
  ALERTS_DEBOUNCE_MS("alerts.debounceMs", null, "500",
      "rules touched by new data are evaluated at most this long after it was committed"),
  ALERTS_WEBHOOK_SECRET("alerts.webhookSecret", null, "",
      "HMAC-SHA256 key of X-BorderPulse-Signature; empty makes one on first start, kept in <data>/webhook-secret"),
  ALERTS_GROUP_WAIT_MS("alerts.groupWaitMs", null, "2000",
      "notifications are held this long so those that arrive together go out together"),
  ALERTS_RETRY_BASE_MS("alerts.retryBaseMs", null, "1000",
      "first retry delay of a failed notification; doubles per attempt (with jitter) up to 10 minutes"),
  ALERTS_MAX_ATTEMPTS("alerts.maxAttempts", null, "30", "delivery attempts per notification before it is given up"),
  ALERTS_PUBLIC_URL("alerts.publicUrl", null, "",
      "the server's public base URL, put before the dashboard links in e-mails (e.g. https://borderpulse.example)"),
  ALERTS_SMTP_HOST("alerts.smtp.host", null, "", "SMTP server for alert e-mails; empty: no e-mail"),
  ALERTS_SMTP_PORT("alerts.smtp.port", null, "25", "SMTP port"),
  ALERTS_SMTP_USERNAME("alerts.smtp.username", null, "", "SMTP user (empty: no login)"),
  ALERTS_SMTP_PASSWORD("alerts.smtp.password", null, "", "SMTP password"),
  ALERTS_SMTP_STARTTLS("alerts.smtp.starttls", null, "OPTIONAL", "SMTP STARTTLS: DISABLED, OPTIONAL or REQUIRED"),
  ALERTS_SMTP_FROM("alerts.smtp.from", null, "borderpulse@localhost", "sender address of alert e-mails");

  /** The config file itself: a flag and an environment variable, not a key. */
  public static final String CONFIG_ENV = "BORDERPULSE_CONFIG";
  public static final String CONFIG_DEFAULT = "config/borderpulse.yaml";

  private final String key;
  private final String flag;
  private final String defaultValue;
  private final String description;

  Setting(String key, String flag, String defaultValue, String description) {
    this.key = key;
    this.flag = flag;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() { return key; }

  public Optional<String> flag() { return Optional.ofNullable(flag); }

  public String defaultValue() { return defaultValue; }

  public String description() { return description; }

  /** {@code database.poolSize} becomes {@code BORDERPULSE_DATABASE_POOL_SIZE}. */
  public String envVar() {
    return "BORDERPULSE_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
  }

  public static Optional<Setting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }
}
