package org.borderpulse.bench;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Function;
import org.borderpulse.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** A baseline: the same rows with COPY into a table like {@code event}, one transaction per batch. */
final class CopyLoad implements ParallelRun.Workers {
  private final Database db;
  private final String sql;
  private final Function<PreparedBatch, byte[]> rows;

  /** COPY text into {@code event_copy}. */
  CopyLoad(Database db) {
    this(db, CopyRows.COPY_IN, PreparedBatch::copy);
  }

  CopyLoad(Database db, String sql, Function<PreparedBatch, byte[]> rows) {
    this.db = db;
    this.sql = sql;
    this.rows = rows;
  }

  /** Binary COPY into {@code event_copy_binary}: the form the server's fast path sends. */
  static CopyLoad binary(Database db) {
    return new CopyLoad(db, CopyRows.COPY_IN_BINARY, PreparedBatch::binary);
  }

  static Connection connect(Database db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  @Override
  public ParallelRun.Worker open() throws SQLException {
    Connection conn = connect(db);
    conn.setAutoCommit(false);
    CopyManager copy = conn.unwrap(PGConnection.class).getCopyAPI();
    return new ParallelRun.Worker() {
      @Override
      public void send(PreparedBatch batch) throws Exception {
        long n = copy.copyIn(sql, new ByteArrayInputStream(rows.apply(batch)));
        conn.commit();
        if (n != batch.rows()) {
          throw new IllegalStateException("batch " + batch.seq() + ": COPY stored " + n + " of " + batch.rows());
        }
      }

      @Override
      public void close() throws SQLException {
        conn.close();
      }
    };
  }
}
