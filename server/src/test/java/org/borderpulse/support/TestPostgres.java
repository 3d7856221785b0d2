package org.borderpulse.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.borderpulse.store.ExternalDatabase;
import org.borderpulse.store.Migrations;

/**
 * One real embedded PostgreSQL per test JVM; each caller gets a fresh database copied from a
 * migrated template (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 * With BORDERPULSE_TEST_DATABASE_URL set, tests use that server instead (it must allow CREATE DATABASE).
 */
public final class TestPostgres {
  private static final String TEMPLATE = "bp_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static volatile Server server;

  private TestPostgres() {}

  private record Server(String host, int port, String user, String password, EmbeddedPostgres embedded) {
    String url(String db) {
      return "postgresql://" + user + (password.isEmpty() ? "" : ":" + password) + "@" + host + ":" + port + "/" + db;
    }

    String jdbc(String db) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }
  }

  /** A URL of a new, migrated, empty database. */
  public static String freshDatabaseUrl() {
    Server s = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    execute(s, "postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return s.url(name);
  }

  /** A URL of a new database without any schema (for migration tests). */
  public static String emptyDatabaseUrl() {
    Server s = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    execute(s, "postgres", "CREATE DATABASE " + name + " TEMPLATE template0");
    return s.url(name);
  }

  private static Server server() {
    Server s = server;
    if (s == null) {
      synchronized (TestPostgres.class) {
        s = server;
        if (s == null) {
          server = s = start();
        }
      }
    }
    return s;
  }

  private static Server start() {
    String external = System.getenv("BORDERPULSE_TEST_DATABASE_URL");
    Server s;
    if (external != null && !external.isBlank()) {
      ExternalDatabase db = ExternalDatabase.fromUrl(external);
      var o = db.connectOptions();
      s = new Server(o.getHost(), o.getPort(), o.getUser(), o.getPassword(), null);
    } else {
      try {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
            .setDataDirectory(Files.createTempDirectory("bp-test-pg"))
            .setCleanDataDirectory(true)
            .setServerConfig("fsync", "off")
            .setServerConfig("max_connections", "300")
            .start();
        s = new Server("127.0.0.1", pg.getPort(), "postgres", "", pg);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            pg.close();
          } catch (IOException e) {
            // the JVM is going away
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    execute(s, "postgres", "DROP DATABASE IF EXISTS " + TEMPLATE);
    execute(s, "postgres", "CREATE DATABASE " + TEMPLATE);
    Migrations.migrate(ExternalDatabase.fromUrl(s.url(TEMPLATE)));
    return s;
  }

  private static void execute(Server s, String db, String sql) {
    try (Connection c = java.sql.DriverManager.getConnection(s.jdbc(db), s.user(), s.password());
         Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
