package org.borderpulse.bench;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.borderpulse.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** The baseline: the same rows with COPY into {@code event_copy}, one transaction per batch. */
final class CopyLoad implements ParallelRun.Workers {
  private final Database db;

  CopyLoad(Database db) {
    this.db = db;
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
        long n = copy.copyIn(CopyRows.COPY_IN, new ByteArrayInputStream(batch.copy()));
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
