package org.borderpulse.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.borderpulse.support.CommandProcess;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;

/** {@code borderpulse demo}, as a person runs it: history, then live data; a restart does not backfill again. */
class DemoProcessTest {
  private static final Pattern DB_PORT = Pattern.compile("Embedded PostgreSQL started on 127\\.0\\.0\\.1:(\\d+)");

  private static CommandProcess demo(Path data, String from) throws Exception {
    return CommandProcess.start("demo", "--port", "0", "--host", "127.0.0.1", "--data", data.toString(),
        "--config", TestServer.CONFIG_DIR.resolve("borderpulse.yaml").toString(), "--rate", "20",
        "--backfill-from", from);
  }

  private static long count(int port, String where) throws Exception {
    return query(port, "SELECT count(*) FROM event WHERE " + where);
  }

  private static long query(int port, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Polls until the count passes {@code min}, within a deadline. */
  private static long awaitCount(int port, String where, long min) throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    long n = 0;
    while (System.nanoTime() < deadline) {
      n = count(port, where);
      if (n > min) {
        return n;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("count(" + where + ") stayed at " + n);
  }

  @Test
  void demoSendsHistoryThenLiveDataAndASecondStartDoesNotBackfillAgain() throws Exception {
    Path data = Files.createTempDirectory("bp-demo");
    String from = LocalDate.now().minusDays(20).toString();
    long history;
    try (CommandProcess first = demo(data, from)) {
      first.await(CommandProcess.LISTENING, 120);
      int db = Integer.parseInt(first.await(DB_PORT, 5));
      String log = first.await(Pattern.compile("History: sending \\d+ post-days"), 30);
      assertTrue(log.contains("post-days"), log);
      assertEquals(Incidents.ALERT_LIST_SIZE, query(db, "SELECT count(*) FROM alert_list_hash WHERE list_id = 'demo'"),
          "the demo uploads its alert list, so the staged documents raise alerts");
      awaitCount(db, "id LIKE '%-r20'", 0);
      first.await(Pattern.compile("history sent: [\\d,]+ events"), 90);
      history = count(db, "local_day < CURRENT_DATE - 2");
      assertTrue(history > 1000, "history events: " + history);
      assertTrue(count(db, "local_day < DATE '" + from + "'") == 0, "no history before --backfill-from");
      assertTrue(count(db, "type = 'crossing_count' AND period_minutes = 60 AND local_day < CURRENT_DATE - 2") > 0,
          "hourly crossing counts in recent history (crossings by hour)");
      assertEquals(0, count(db, "type = 'crossing_count' AND period_minutes = 1440"),
          "daily totals only before the last " + Generator.HOURLY_HISTORY_DAYS + " days");
      first.stop();
    }
    assertTrue(Files.exists(data.resolve("sim/alert-list.txt")));
    try (CommandProcess second = demo(data, from)) {
      second.await(CommandProcess.LISTENING, 120);
      int db = Integer.parseInt(second.await(DB_PORT, 5));
      second.await(Pattern.compile("History: already sent by an earlier run"), 30);
      long live = count(db, "id LIKE '%-r20'");
      awaitCount(db, "id LIKE '%-r20'", live);
      assertEquals(history, count(db, "local_day < CURRENT_DATE - 2"), "history is not sent twice");
      second.stop();
    }
  }
}
