package org.borderpulse.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few JDBC connections, each used by a worker thread of this pool's own, for what the Vert.x
 * client cannot do: PostgreSQL's {@code COPY … FROM STDIN} (decision 011). A task runs in one
 * transaction and is committed when it returns; the event loops never block on it.
 *
 * <p>Bounded like the Vert.x pool: at most {@code size} tasks run and {@code queue} wait; more
 * fail at once with SQLSTATE 53300, which {@link Unavailable} answers with 503. A connection
 * that fails with an outage is closed with every idle one (the database most likely went away);
 * the next task connects anew. A task that failed on a reused connection before its commit was
 * sent did not commit, so it is run once more on a new connection: a connection the database
 * dropped while idle costs no 503.
 */
public final class CopyPool {
  /** Work in a transaction on a pooled connection; the pool commits after it returns. */
  public interface Work<T> {
    T run(Connection c) throws SQLException, IOException;
  }

  /** An outage is reported after at most this long without a connection. */
  private static final int CONNECT_TIMEOUT_SECONDS = 3;
  /**
   * A statement of the work that has had no answer for this long fails (a database that stopped
   * answering); the commit has no such limit, as on the Vert.x client: its outcome would be in doubt.
   */
  private static final int SOCKET_TIMEOUT_SECONDS = 60;
  /** Work that waited this long for a connection fails with 503 instead of starting (the Vert.x pool's 5 s). */
  private static final long MAX_WAIT_NANOS = 5_000_000_000L;
  /** After a failed connect, tasks fail at once for this long instead of each trying again. */
  private static final long CONNECT_BACKOFF_NANOS = 1_000_000_000L;

  private final Database db;
  private final Properties props = new Properties();
  private final int size;
  private final int queue;
  private final WorkerExecutor workers;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger admitted = new AtomicInteger();
  private volatile boolean closed;
  /** When a connect last failed ({@code System.nanoTime()}), or 0 after one succeeded. */
  private volatile long connectFailedAt;

  public CopyPool(Vertx vertx, Database db, int size, int queue) {
    if (size < 1) {
      throw new IllegalArgumentException("ingest.connections must be at least 1, not " + size);
    }
    this.db = db;
    this.size = size;
    this.queue = queue;
    this.workers = vertx.createSharedWorkerExecutor("borderpulse-copy", size);
    props.setProperty("user", db.user());
    props.setProperty("password", db.password());
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "borderpulse-copy");
  }

  /** Runs the work on a worker thread in a transaction, and commits; fails with what failed, rolled back. */
  public <T> Future<T> inTransaction(Work<T> work) {
    if (closed) {
      return Future.failedFuture(closedError());
    }
    if (admitted.incrementAndGet() > size + queue) {
      admitted.decrementAndGet();
      return Future.failedFuture(new SQLTransientConnectionException(
          size + " COPY connections are busy and " + queue + " tasks wait for them", "53300"));
    }
    long queued = System.nanoTime();
    try {
      return workers.<T>executeBlocking(() -> run(work, queued), false).andThen(x -> admitted.decrementAndGet());
    } catch (RejectedExecutionException e) { // closed meanwhile
      admitted.decrementAndGet();
      return Future.failedFuture(closedError());
    }
  }

  private static SQLException closedError() {
    return new SQLTransientConnectionException("the COPY pool is closed", "08003");
  }

  private <T> T run(Work<T> work, long queued) throws SQLException, IOException {
    long waited = System.nanoTime() - queued;
    if (waited > MAX_WAIT_NANOS) {
      throw new SQLTransientConnectionException("waited " + waited / 1_000_000 + " ms for a COPY connection",
          "53300");
    }
    Connection reused = idle.pollFirst();
    if (reused != null) {
      try {
        return runOn(reused, work);
      } catch (BeforeCommit e) {
        if (!Unavailable.isOutage(e.getCause())) {
          throw e.rethrow();
        }
      }
    }
    try {
      return runOn(connect(), work);
    } catch (BeforeCommit e) {
      throw e.rethrow();
    }
  }

  private <T> T runOn(Connection c, Work<T> work) throws SQLException, IOException, BeforeCommit {
    boolean keep = false;
    try {
      T result;
      try {
        result = work.run(c);
      } catch (SQLException | IOException | RuntimeException e) {
        keep = rollback(c) && !Unavailable.isOutage(e);
        throw new BeforeCommit(e);
      }
      try {
        c.setNetworkTimeout(null, 0);
        c.commit();
        c.setNetworkTimeout(null, SOCKET_TIMEOUT_SECONDS * 1000);
      } catch (SQLException e) {
        keep = rollback(c) && !Unavailable.isOutage(e);
        throw e;
      }
      keep = true;
      return result;
    } finally {
      if (keep && !closed) {
        idle.addFirst(c);
        if (closed) { // closed while it was being put back
          closeIdle();
        }
      } else {
        quietlyClose(c);
        if (!keep) {
          closeIdle();
        }
      }
    }
  }

  private Connection connect() throws SQLException {
    long failedAt = connectFailedAt;
    if (failedAt != 0 && System.nanoTime() - failedAt < CONNECT_BACKOFF_NANOS) {
      throw new SQLTransientConnectionException("the database refused a connection "
          + (System.nanoTime() - failedAt) / 1_000_000 + " ms ago", "08001");
    }
    try {
      Connection c = DriverManager.getConnection(db.jdbcUrl(), props);
      c.setAutoCommit(false);
      connectFailedAt = 0;
      return c;
    } catch (SQLException e) {
      connectFailedAt = System.nanoTime();
      throw e;
    }
  }

  private static boolean rollback(Connection c) {
    try {
      c.rollback();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private void closeIdle() {
    for (Connection c; (c = idle.pollFirst()) != null; ) {
      quietlyClose(c);
    }
  }

  private static void quietlyClose(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing a broken connection: nothing more to do
    }
  }

  /** Closes the idle connections (on a worker: it is blocking) and the workers; tasks still running close theirs when they end. */
  public Future<Void> close() {
    closed = true;
    return workers.<Void>executeBlocking(() -> {
      closeIdle();
      return null;
    }).eventually(workers::close);
  }

  /** The work failed before anything was committed: the pool may run it again. */
  private static final class BeforeCommit extends Exception {
    BeforeCommit(Exception cause) {
      super(cause.getMessage(), cause, false, false);
    }

    /** Throws the work's checked exception, or returns its unchecked one to throw. */
    RuntimeException rethrow() throws SQLException, IOException {
      Throwable c = getCause();
      if (c instanceof SQLException s) {
        throw s;
      }
      if (c instanceof IOException io) {
        throw io;
      }
      return (RuntimeException) c;
    }
  }
}
