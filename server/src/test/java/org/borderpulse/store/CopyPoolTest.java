package org.borderpulse.store;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.borderpulse.support.TestServer.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.borderpulse.support.Events;
import org.borderpulse.support.TestServer;
import org.borderpulse.support.OneNodeTest;
import org.borderpulse.support.TestPostgres;
import org.junit.jupiter.api.Test;

/** The JDBC connections ingest copies batches over: failures, retries and bounds. */
class CopyPoolTest extends OneNodeTest {

  @Test
  void aConnectionTheDatabaseDroppedWhileIdleCostsNo503() {
    assertEquals(200, await(api.send(ADMIN_TOKEN, Events.batch("idle-a", 10))).statusCode());
    long dropped = count(server, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        + "WHERE application_name = 'borderpulse-copy' AND datname = current_database()");
    assertTrue(dropped >= 1, "the first batch left a COPY connection idle");
    assertEquals(200, await(api.send(ADMIN_TOKEN, Events.batch("idle-b", 10))).statusCode(),
        "the batch is run again on a new connection: it never reached the database");
    assertEquals(20, count(server, "SELECT count(*) FROM event WHERE id LIKE 'idle-%'"));
  }

  @Test
  void workThatFailsIsRolledBackAndTheConnectionServesTheNext() throws Exception {
    Vertx vertx = Vertx.vertx();
    CopyPool pool = new CopyPool(vertx, ExternalDatabase.fromUrl(TestPostgres.freshDatabaseUrl()), 1, 0);
    try {
      await(pool.inTransaction(c -> execute(c, "CREATE TABLE t (v int PRIMARY KEY)")));
      Future<Object> failed = pool.inTransaction(c -> {
        execute(c, "INSERT INTO t VALUES (1)");
        return execute(c, "INSERT INTO t VALUES (1)");
      });
      SQLException e = (SQLException) assertThrows(RuntimeException.class, () -> await(failed)).getCause();
      assertEquals("23505", e.getSQLState(), "the work's own error, not a pool error");
      assertEquals(0L, (long) await(pool.inTransaction(c -> single(c, "SELECT count(*) FROM t"))), "rolled back");
      assertEquals(1L, (long) await(pool.inTransaction(c -> single(c,
          "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'borderpulse-copy' "
              + "AND datname = current_database()"))), "one connection, kept after the failure");
    } finally {
      await(pool.close());
      await(vertx.close());
    }
  }

  @Test
  void whenEveryConnectionIsBusyAndTheQueueFullMoreWorkFailsAtOnceAsAnOutage() throws Exception {
    Vertx vertx = Vertx.vertx();
    CopyPool pool = new CopyPool(vertx, ExternalDatabase.fromUrl(TestPostgres.freshDatabaseUrl()), 1, 1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      Future<Integer> busy = pool.inTransaction(c -> {
        try {
          return release.await(10, TimeUnit.SECONDS) ? 1 : 0;
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      Future<Integer> waiting = pool.inTransaction(c -> 2);
      Future<Integer> refused = pool.inTransaction(c -> 3);
      assertTrue(refused.failed(), "refused without waiting");
      assertEquals("53300", ((SQLException) refused.cause()).getSQLState());
      assertTrue(Unavailable.isOutage(refused.cause()), "answered with 503 and Retry-After");
      release.countDown();
      assertEquals(1, (int) await(busy));
      assertEquals(2, (int) await(waiting));
      assertEquals(4, (int) await(pool.inTransaction(c -> 4)), "room again once they are done");
    } finally {
      release.countDown();
      await(pool.close());
      await(vertx.close());
    }
  }

  @Test
  void workThatWaitedMoreThanFiveSecondsForAConnectionFailsAsAnOutageInsteadOfStarting() {
    Vertx vertx = Vertx.vertx();
    CopyPool pool = new CopyPool(vertx, ExternalDatabase.fromUrl(TestPostgres.freshDatabaseUrl()), 1, 1);
    try {
      Future<Integer> busy = pool.inTransaction(c -> {
        try {
          Thread.sleep(5_300);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return 1;
      });
      Future<Integer> waited = pool.inTransaction(c -> 2);
      assertEquals(1, (int) await(busy));
      SQLException e = (SQLException) assertThrows(RuntimeException.class, () -> await(waited)).getCause();
      assertEquals("53300", e.getSQLState());
      assertTrue(e.getMessage().startsWith("waited "), e.getMessage());
      assertTrue(Unavailable.isOutage(e));
    } finally {
      await(pool.close());
      await(vertx.close());
    }
  }

  @Test
  void afterAFailedConnectWorkFailsAtOnceForASecondThenTriesAgain() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    CopyPool pool = new CopyPool(vertx, ExternalDatabase.fromUrl("postgresql://postgres@127.0.0.1:" + port + "/x"), 1, 0);
    try {
      SQLException refused = (SQLException) assertThrows(RuntimeException.class,
          () -> await(pool.inTransaction(c -> 1))).getCause();
      assertTrue(Unavailable.isOutage(refused), refused.toString());
      SQLException fast = (SQLException) assertThrows(RuntimeException.class,
          () -> await(pool.inTransaction(c -> 1))).getCause();
      assertEquals("08001", fast.getSQLState());
      assertTrue(fast.getMessage().startsWith("the database refused a connection "), fast.getMessage());
      Thread.sleep(1_100);
      SQLException again = (SQLException) assertThrows(RuntimeException.class,
          () -> await(pool.inTransaction(c -> 1))).getCause();
      assertTrue(!again.getMessage().startsWith("the database refused a connection "), "tried again: " + again);
    } finally {
      await(pool.close());
      await(vertx.close());
    }
  }

  @Test
  void aConnectionCountBelowOneIsRefusedBeforeAnythingStarts() {
    Vertx vertx = Vertx.vertx();
    try {
      Settings bad = TestServer.settings(TestPostgres.freshDatabaseUrl()).with(Setting.INGEST_CONNECTIONS, "0");
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(BorderPulseServer.start(vertx, bad)));
      assertTrue(e.getMessage().startsWith("ingest.connections must be at least 1, got 0"), e.getMessage());
    } finally {
      await(vertx.close());
    }
  }

  private static Object execute(java.sql.Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
      return null;
    }
  }

  private static long single(java.sql.Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
