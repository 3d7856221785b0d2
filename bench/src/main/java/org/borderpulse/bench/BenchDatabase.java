package org.borderpulse.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.borderpulse.store.Database;

/** The benchmark's own statements against the server's database, over JDBC. */
final class BenchDatabase {
  private static final String SETTINGS = """
      SELECT name, setting || coalesce(unit, '') FROM pg_settings
      WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers',
        'max_wal_size', 'checkpoint_timeout', 'wal_level') ORDER BY name""";
  /** Rows of both tables, and ids present in both with the same stored values ({@code %s}: the other table). */
  private static final String COMPARE = """
      SELECT (SELECT count(*) FROM event), (SELECT count(*) FROM %1$s),
        (SELECT count(*) FROM event e JOIN %1$s c USING (id)
         WHERE e.content_hash = c.content_hash AND e.local_day = c.local_day AND e.occurred_at = c.occurred_at
           AND e.type = c.type AND e.workstation_id IS NOT DISTINCT FROM c.workstation_id
           AND e.outcome IS NOT DISTINCT FROM c.outcome AND e.nationality IS NOT DISTINCT FROM c.nationality
           AND e.persons IS NOT DISTINCT FROM c.persons AND e.count IS NOT DISTINCT FROM c.count
           AND e.period_minutes IS NOT DISTINCT FROM c.period_minutes)""";

  private final Database db;

  BenchDatabase(Database db) {
    this.db = db;
  }

  void createCopyTables() throws SQLException {
    execute(CopyRows.createTable(CopyRows.TABLE));
    execute(CopyRows.createTable(CopyRows.BINARY_TABLE));
  }

  /** Flushes dirty pages before a phase, so no phase pays for the previous one's checkpoint. */
  void checkpoint() throws SQLException {
    execute("CHECKPOINT");
  }

  /** PostgreSQL's version and the settings that decide durable write speed. */
  List<String> describe() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = CopyLoad.connect(db); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SHOW server_version")) {
        r.next();
        out.add("PostgreSQL " + r.getString(1));
      }
      try (ResultSet r = s.executeQuery(SETTINGS)) {
        StringBuilder sb = new StringBuilder();
        while (r.next()) {
          sb.append(sb.length() == 0 ? "" : ", ").append(r.getString(1)).append('=').append(r.getString(2));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  /**
   * Checks that the event table and both baselines' tables hold {@code expected} rows and that
   * every id carries the same values in each: the baselines loaded what the server stored.
   */
  String verify(long expected) throws SQLException {
    try (Connection c = CopyLoad.connect(db); Statement s = c.createStatement()) {
      for (String table : List.of(CopyRows.TABLE, CopyRows.BINARY_TABLE)) {
        try (ResultSet r = s.executeQuery(COMPARE.formatted(table))) {
          r.next();
          long event = r.getLong(1), copy = r.getLong(2), same = r.getLong(3);
          if (event != expected || copy != expected || same != expected) {
            throw new IllegalStateException("rows differ: expected " + expected + " in each table, event has " + event
                + ", " + table + " has " + copy + ", identical in both: " + same);
          }
        }
      }
      return expected + " rows in event, event_copy and event_copy_binary, identical column values (content hash, "
          + "local day, …)" + rollups(s, expected);
    }
  }

  /** How many rollup cells and blocks (posts' days) the server keeps for these events. */
  private static String rollups(Statement s, long events) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM rollup_day), (SELECT count(*) FROM rollup_block)")) {
      r.next();
      return String.format("; the server keeps %,d rollup cells for them (%.0f per 1,000 events) in %,d blocks",
          r.getLong(1), r.getLong(1) * 1000.0 / events, r.getLong(2));
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = CopyLoad.connect(db); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
