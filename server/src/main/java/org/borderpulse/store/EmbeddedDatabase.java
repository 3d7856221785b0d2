package org.borderpulse.store;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started by this process, its files in {@code <data>/pg} so they
 * survive restarts. Starting blocks for seconds: call it off the event loop.
 */
public final class EmbeddedDatabase implements Database {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private final EmbeddedPostgres postgres;
  private final Path dir;
  private final DataDirGuard guard;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dir, DataDirGuard guard) {
    this.postgres = postgres;
    this.dir = dir;
    this.guard = guard;
  }

  /** Starts on a free port (or {@code port} when positive) with its files in {@code dir}. */
  public static EmbeddedDatabase start(Path dir, int port) {
    DataDirGuard guard = null;
    try {
      Files.createDirectories(dir);
      guard = DataDirGuard.acquire(dir);
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          // zonky starts PostgreSQL for tests: -F (fsync off) and synchronous_commit=off.
          // A product must not acknowledge what a crash can lose: turn both back on.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_connections", "100")
          .setServerConfig("listen_addresses", "127.0.0.1");
      if (port > 0) {
        b.setPort(port);
      }
      EmbeddedPostgres pg = b.start();
      LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} with its files in {}", pg.getPort(), dir);
      return new EmbeddedDatabase(pg, dir, guard);
    } catch (IOException | RuntimeException e) {
      if (guard != null) {
        guard.close();
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), (IOException) e);
    }
  }

  public int port() { return postgres.getPort(); }

  @Override
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost("127.0.0.1").setPort(postgres.getPort())
        .setDatabase("postgres").setUser("postgres").setPassword("");
  }

  @Override
  public String jdbcUrl() { return postgres.getJdbcUrl("postgres", "postgres"); }

  @Override
  public String user() { return "postgres"; }

  @Override
  public String password() { return ""; }

  @Override
  public String describe() {
    return "embedded PostgreSQL on 127.0.0.1:" + postgres.getPort() + " (files in " + dir + ")";
  }

  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    } finally {
      guard.close();
    }
  }
}
