package org.borderpulse.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The embedded database is a durable one: what is acknowledged survives a crash. */
class EmbeddedDatabaseTest {
  private static String show(Connection c, String setting) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void embeddedPostgresSyncsCommitsToDisk() throws Exception {
    Path dir = Files.createTempDirectory("bp-embedded");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0);
         Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      assertEquals("on", show(c, "fsync"));
      assertEquals("on", show(c, "synchronous_commit"));
      assertEquals("on", show(c, "full_page_writes"));
    }
  }
}
