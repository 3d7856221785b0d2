package org.borderpulse.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.borderpulse.support.CommandProcess;

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

  @Test
  void aSecondProcessOnTheSameDirectoryIsRefusedAtOnce() throws Exception {
    Path dir = Files.createTempDirectory("bp-embedded").resolve("pg");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dir, 0));
      assertTrue(e.getMessage().contains("another BorderPulse process is using the database in " + dir), e.getMessage());
    }
    EmbeddedDatabase.start(dir, 0).close(); // the lock went with the first one
  }

  @Test
  void aPostgresLeftRunningByAKilledServerIsStoppedAndTheStartGoesOn() throws Exception {
    Path data = Files.createTempDirectory("bp-embedded");
    long orphan;
    try (CommandProcess serve = CommandProcess.start("serve", "--data", data.toString(), "--port", "0",
        "--host", "127.0.0.1")) {
      serve.await(CommandProcess.LISTENING, 120);
      serve.kill(); // kill -9: no shutdown hook runs, PostgreSQL stays up
      orphan = Long.parseLong(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).trim());
      assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "PostgreSQL outlived the kill");
    }
    try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("pg"), 0);
         Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped");
      assertEquals("on", show(c, "fsync"));
    }
  }
}
