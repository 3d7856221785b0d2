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
    withPool(freshDatabase(), 1, 0, (vertx, pool) -> {
      await(pool.inTransaction(c -> execute(c, "CREATE TABLE t (v int PRIMARY KEY)")));
      Future<Object> failed = pool.inTransaction(c -> {
        execute(c, "INSERT INTO t VALUES (1)");
        return execute(c, "INSERT INTO t VALUES (1)");
      });
      assertEquals("23505", failure(failed).getSQLState(), "the work's own error, not a pool error");
      assertEquals(0L, (long) await(pool.inTransaction(c -> single(c, "SELECT count(*) FROM t"))), "rolled back");
      assertEquals(1L, (long) await(pool.inTransaction(c -> single(c,
          "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'borderpulse-copy' "
              + "AND datname = current_database()"))), "one connection, kept after the failure");
    });
  }

  @Test
  void whenEveryConnectionIsBusyAndTheQueueFullMoreWorkFailsAtOnceAsAnOutage() throws Exception {
    withPool(freshDatabase(), 1, 1, (vertx, pool) -> {
      CountDownLatch release = new CountDownLatch(1);
      try {
        Future<Integer> busy = pool.inTransaction(c -> held(release, 1));
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
      }
    });
  }

  @Test
  void workThatWaitedMoreThanFiveSecondsForAConnectionFailsAsAnOutageInsteadOfStarting() throws Exception {
    withPool(freshDatabase(), 1, 1, (vertx, pool) -> {
      CountDownLatch release = new CountDownLatch(1);
      try {
        Future<Integer> busy = pool.inTransaction(c -> held(release, 1));
        Future<Integer> waited = pool.inTransaction(c -> 2);
        await(vertx.timer(5_300)); // the only connection stays busy beyond the 5 s a task may wait
        release.countDown();
        assertEquals(1, (int) await(busy));
        SQLException e = failure(waited);
        assertEquals("53300", e.getSQLState());
        assertTrue(e.getMessage().startsWith("waited "), e.getMessage());
        assertTrue(Unavailable.isOutage(e));
      } finally {
        release.countDown();
      }
    });
  }

  @Test
  void afterAFailedConnectWorkFailsAtOnceForASecondThenTriesAgain() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    withPool(ExternalDatabase.fromUrl("postgresql://postgres@127.0.0.1:" + port + "/x"), 1, 0, (vertx, pool) -> {
      SQLException refused = failure(pool.inTransaction(c -> 1));
      assertTrue(Unavailable.isOutage(refused), refused.toString());
      SQLException fast = failure(pool.inTransaction(c -> 1));
      assertEquals("08001", fast.getSQLState());
      assertTrue(fast.getMessage().startsWith("the database refused a connection "), fast.getMessage());
      await(vertx.timer(1_100));
      SQLException again = failure(pool.inTransaction(c -> 1));
      assertTrue(!again.getMessage().startsWith("the database refused a connection "), "tried again: " + again);
    });
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

  private interface PoolTest {
    void run(Vertx vertx, CopyPool pool) throws Exception;
  }

  /** A pool of its own (and a Vert.x of its own: the pool's workers are shared by name within one). */
  private static void withPool(Database db, int size, int queue, PoolTest test) throws Exception {
    Vertx vertx = Vertx.vertx();
    CopyPool pool = new CopyPool(vertx, db, size, queue);
    try {
      test.run(vertx, pool);
    } finally {
      await(pool.close());
      await(vertx.close());
    }
  }

  private static Database freshDatabase() {
    return ExternalDatabase.fromUrl(TestPostgres.freshDatabaseUrl());
  }

  /** What the work failed with (the test helper's await wraps checked exceptions). */
  private static SQLException failure(Future<?> f) {
    return (SQLException) assertThrows(RuntimeException.class, () -> await(f)).getCause();
  }

  /** Holds its connection until released (at most 10 s). */
  private static int held(CountDownLatch release, int result) {
    try {
      return release.await(10, TimeUnit.SECONDS) ? result : 0;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
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
