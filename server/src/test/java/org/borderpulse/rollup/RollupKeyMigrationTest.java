package org.borderpulse.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.borderpulse.store.ExternalDatabase;
import org.borderpulse.store.Migrations;
import org.borderpulse.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V5 turns the eleven key columns into one key column; V9 adds the hour: same rows, same values
 * and versions, and crossing counts filed by hour from their events. V11 stores a post's day as
 * one block of cells; rollup_day becomes a view of the same rows and the start-up load reads them.
 */
class RollupKeyMigrationTest {
  /** local_day, then the V2 columns post … direction, value, events, version. */
  private static final List<Object[]> V4_ROWS = List.of(
      new Object[] {LocalDate.of(2024, 2, 29), "THA-BKK", 0, "THA-BKK-P01", "imposter", "passport", "counterfeit",
          "THA", "MMR", "", "", 3L, 3L, 2L},
      new Object[] {LocalDate.of(2024, 2, 29), "THA-BKK", 1, "", "", "", "", "", "KHM", "no_visa", "entry", 4L, 2L, 1L},
      new Object[] {LocalDate.of(2024, 3, 1), "MYS-KUL", 2, "", "", "", "", "", "", "", "exit", 120L, 1L, 7L});

  private static Flyway flyway(ExternalDatabase db, String target) {
    return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
        .target(target).load();
  }

  private static Connection connect(ExternalDatabase db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private static List<String> rows(Connection c) throws SQLException {
    return strings(c, "SELECT local_day, dimensions, value, events, version FROM rollup_day ORDER BY local_day, dimensions");
  }

  /** Each row's columns joined by spaces. */
  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder(rs.getString(1));
        for (int i = 2; i <= columns; i++) {
          sb.append(' ').append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  @Test
  void v5KeepsValuesAndVersionsUnderOneKeyColumn() throws SQLException {
    ExternalDatabase db = ExternalDatabase.fromUrl(TestPostgres.emptyDatabaseUrl());
    flyway(db, "4").migrate();
    try (Connection c = connect(db)) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_day (local_day, post_id, type, "
          + "workstation_id, outcome, document_type, fraud_type, issuing_country, nationality, reason, direction, "
          + "value, events, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Object[] r : V4_ROWS) {
          for (int i = 0; i < r.length; i++) {
            ps.setObject(i + 1, r[i] instanceof Integer t ? Short.valueOf(t.shortValue()) : r[i]);
          }
          ps.executeUpdate();
        }
      }
      flyway(db, "5").migrate();
      assertEquals(List.of(
          "2024-02-29 THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR|| 3 3 2",
          "2024-02-29 THA-BKK|1||||||KHM|no_visa|entry 4 2 1",
          "2024-03-01 MYS-KUL|2||||||||exit 120 1 7"), rows(c));
    }
  }

  @Test
  void v9AddsTheHourAndFilesCrossingCountsByTheirPostLocalHour() throws SQLException {
    ExternalDatabase db = ExternalDatabase.fromUrl(TestPostgres.emptyDatabaseUrl());
    flyway(db, "8").migrate();
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      s.execute("INSERT INTO post (id, name, country, kind, time_zone) VALUES "
          + "('THA-BKK', 'Bangkok', 'THA', 'air', 'Asia/Bangkok'), ('MYS-KUL', 'KL', 'MYS', 'air', 'Asia/Kuala_Lumpur')");
      s.execute("INSERT INTO rollup_day (local_day, dimensions, value, events, version) VALUES "
          + "('2024-02-29', 'THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR||', 3, 3, 2), "
          + "('2024-03-01', 'MYS-KUL|2||||||||exit', 170, 3, 7)");
      // times in UTC: 17:10Z on 29 Feb is 01:10 on 1 March in Kuala Lumpur; a quarter-hour, an hour, a day's total
      s.execute("INSERT INTO event (id, type, post_id, occurred_at, local_day, batch_seq, direction, count, "
          + "period_minutes, content_hash) VALUES "
          + "('c1', 'crossing_count', 'MYS-KUL', '2024-02-29T17:10:00Z', '2024-03-01', 1, 'exit', 20, 15, '\\x00'), "
          + "('c2', 'crossing_count', 'MYS-KUL', '2024-02-29T17:00:00Z', '2024-03-01', 1, 'exit', 50, 60, '\\x00'), "
          + "('c3', 'crossing_count', 'MYS-KUL', '2024-02-29T16:00:00Z', '2024-03-01', 1, 'exit', 100, 1440, '\\x00')");
      flyway(db, "9").migrate();
      assertEquals(List.of(
          "2024-02-29 THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR||| 3 3 2",
          "2024-03-01 MYS-KUL|2||||||||exit| 100 1 1",
          "2024-03-01 MYS-KUL|2||||||||exit|01 70 2 1"), rows(c));
      List<RollupRow> parsed = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT local_day, dimensions FROM rollup_day ORDER BY 1, 2")) {
        while (rs.next()) {
          parsed.add(RollupRow.of(rs.getObject(1, LocalDate.class), rs.getString(2), 0, 0, x -> x));
        }
      }
      assertEquals(List.of("", "", "01"), parsed.stream().map(RollupRow::hour).toList());
    }
  }

  @Test
  void v11StoresEachPostsDayAsOneBlockAndKeepsRollupDayAsAView() throws SQLException {
    ExternalDatabase db = ExternalDatabase.fromUrl(TestPostgres.emptyDatabaseUrl());
    flyway(db, "10").migrate();
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      s.execute("INSERT INTO rollup_day (local_day, dimensions, value, events, version) VALUES "
          + "('2024-02-29', 'THA-BKK|1||||||KHM|no_visa|entry|', 4, 2, 1), "
          + "('2024-02-29', 'THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR|||', 3, 3, 2), "
          + "('2024-02-29', 'MYS-KUL|2||||||||exit|01', 70, 2, 1), "
          + "('2024-03-01', 'THA-BKK|2||||||||exit|', 100, 1, 5)");
      Migrations.migrate(db);
      assertEquals(List.of(
          "2024-02-29 MYS-KUL MYS-KUL|2||||||||exit|01 70 2",
          "2024-02-29 THA-BKK THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR||| 3 3;"
              + "THA-BKK|1||||||KHM|no_visa|entry| 4 2",
          "2024-03-01 THA-BKK THA-BKK|2||||||||exit| 100 1"),
          strings(c, "SELECT local_day, post_id, cells FROM rollup_block ORDER BY 1, 2"));
      // a second part of a block adds to the first
      s.execute("INSERT INTO rollup_block (local_day, post_id, part, cells) VALUES "
          + "('2024-03-01', 'THA-BKK', 9, 'THA-BKK|2||||||||exit| 20 2;THA-BKK|2||||||||entry| 5 1')");
      assertEquals(List.of(
          "2024-02-29 MYS-KUL|2||||||||exit|01 70 2",
          "2024-02-29 THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR||| 3 3",
          "2024-02-29 THA-BKK|1||||||KHM|no_visa|entry| 4 2",
          "2024-03-01 THA-BKK|2||||||||entry| 5 1",
          "2024-03-01 THA-BKK|2||||||||exit| 120 3"),
          strings(c, "SELECT local_day, dimensions, value, events FROM rollup_day ORDER BY 1, 2"));
      List<RollupRow> loaded = new ArrayList<>();
      RollupLoader.load(db, 2, chunk -> {
        synchronized (loaded) {
          loaded.addAll(chunk);
        }
      });
      assertEquals(List.of("MYS-KUL|2||||||||exit|01 70", "THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR||| 3",
          "THA-BKK|1||||||KHM|no_visa|entry| 4", "THA-BKK|2||||||||entry| 5", "THA-BKK|2||||||||exit| 100",
          "THA-BKK|2||||||||exit| 20"), loaded.stream().map(r -> r.dimensions() + " " + r.value()).sorted().toList());
    }
  }
}
