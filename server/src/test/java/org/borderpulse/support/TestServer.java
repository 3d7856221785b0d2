package org.borderpulse.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;

/** A real BorderPulse node on a free port, with the repository's reference data. */
public final class TestServer {
  public static final String ADMIN_TOKEN = "bpa_test-admin-token";
  public static final Path CONFIG_DIR = locateConfig();

  private TestServer() {}

  /** Settings for a test node: free port, temporary data dir, the given database URL. */
  public static Settings settings(String databaseUrl) {
    try {
      Settings s = Settings.defaults(CONFIG_DIR)
          .with(Setting.PORT, "0")
          .with(Setting.HOST, "127.0.0.1")
          .with(Setting.DATA, Files.createTempDirectory("bp-test-data").toString())
          .with(Setting.ADMIN_TOKEN, ADMIN_TOKEN)
          .with(Setting.RETRY_AFTER, "2");
      return databaseUrl == null ? s : s.with(Setting.DATABASE_URL, databaseUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a node on a fresh database of the shared test PostgreSQL. */
  public static BorderPulseServer start(Vertx vertx) {
    return start(vertx, settings(TestPostgres.freshDatabaseUrl()));
  }

  public static BorderPulseServer start(Vertx vertx, Settings settings) {
    return await(BorderPulseServer.start(vertx, settings));
  }

  /** Blocks the test thread (never a Vert.x thread) until the future completes. */
  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A single number from SQL run on the node's own database. */
  public static long count(BorderPulseServer server, String sql, Object... params) {
    Row row = await(server.pool().preparedQuery(sql).execute(Tuple.wrap(java.util.List.of(params))))
        .iterator().next();
    return row.getLong(0);
  }

  private static Path locateConfig() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("config/posts.yaml"))) {
        return p.resolve("config");
      }
    }
    throw new IllegalStateException("cannot find the repository's config/ folder");
  }
}
