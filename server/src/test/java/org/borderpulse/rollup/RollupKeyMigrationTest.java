package org.borderpulse.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.borderpulse.store.ExternalDatabase;
import org.borderpulse.store.Migrations;
import org.borderpulse.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V5 turns the eleven key columns into the key the server writes: same rows, same values and versions. */
class RollupKeyMigrationTest {
  private static final List<RollupRow> BEFORE = List.of(
      new RollupRow(LocalDate.of(2024, 2, 29), "THA-BKK", RollupRow.DOCUMENT_CHECK, "THA-BKK-P01", "imposter",
          "passport", "counterfeit", "THA", "MMR", "", "", 3, 3, 2),
      new RollupRow(LocalDate.of(2024, 2, 29), "THA-BKK", RollupRow.INTERCEPTION, "", "", "", "", "", "KHM",
          "no_visa", "entry", 4, 2, 1),
      new RollupRow(LocalDate.of(2024, 3, 1), "MYS-KUL", RollupRow.CROSSING_COUNT, "", "", "", "", "", "", "", "exit",
          120, 1, 7));

  @Test
  void rowsKeepTheirValuesAndVersionsUnderTheServersKey() throws SQLException {
    ExternalDatabase db = ExternalDatabase.fromUrl(TestPostgres.emptyDatabaseUrl());
    Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
        .target("4").load().migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_day (local_day, post_id, type, "
          + "workstation_id, outcome, document_type, fraud_type, issuing_country, nationality, reason, direction, "
          + "value, events, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (RollupRow r : BEFORE) {
          Object[] values = {r.day(), r.post(), (short) r.type(), r.workstation(), r.outcome(), r.documentType(),
              r.fraudType(), r.issuingCountry(), r.nationality(), r.reason(), r.direction(), r.value(), r.events(),
              r.version()};
          for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
          }
          ps.executeUpdate();
        }
      }
      Migrations.migrate(db);
      List<String> keys = new ArrayList<>();
      List<RollupRow> after = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT local_day, dimensions, value, events, version FROM rollup_day ORDER BY local_day, dimensions")) {
        while (rs.next()) {
          keys.add(rs.getString(2));
          after.add(RollupRow.of(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3), rs.getLong(4),
              rs.getLong(5), s -> s));
        }
      }
      assertEquals(BEFORE.stream().map(RollupRow::dimensions).toList(), keys);
      assertEquals(BEFORE, after);
    }
  }
}
