package org.borderpulse.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The same embedded PostgreSQL the server starts, but durable. zonky's defaults start the
 * postmaster with {@code -F} (fsync off) and {@code synchronous_commit=off}, which the server's
 * {@code EmbeddedDatabase} keeps; a later {@code -c} wins over them on the command line.
 */
final class DurablePostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Path dir;

  private DurablePostgres(EmbeddedPostgres postgres, Path dir) {
    this.postgres = postgres;
    this.dir = dir;
  }

  static DurablePostgres start(Path dir) throws IOException {
    Files.createDirectories(dir);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "100")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .start();
    return new DurablePostgres(pg, dir);
  }

  Path dataDir() {
    return dir;
  }

  /** For the server's {@code database.url}; the embedded server trusts local connections. */
  String url() {
    return "postgresql://postgres:bench@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
