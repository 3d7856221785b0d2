package org.borderpulse.cli;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.borderpulse.support.TestServer.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.borderpulse.support.CliRun;
import org.borderpulse.support.Events;
import org.borderpulse.support.OneNodeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest extends OneNodeTest {
  @TempDir
  Path dir;

  /** Runs {@code borderpulse import …} against this node. */
  private CliRun importFile(Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of("import", file.toString(), "--server",
        "http://127.0.0.1:" + server.port(), "--token", ADMIN_TOKEN, "--no-progress"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void ndjsonFileIsImportedInBatchesAndReRunIsHarmless() throws Exception {
    Path file = dir.resolve("events.ndjson");
    StringBuilder sb = new StringBuilder();
    Events.batch("imp-nd", 2500).forEach(e -> sb.append(e).append('\n'));
    Files.writeString(file, sb);
    CliRun first = importFile(file, "--batch", "1000");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("2500 new, 0 already stored"), first.out());
    assertEquals(3, count(server, "SELECT count(DISTINCT batch_seq) FROM event WHERE id LIKE 'imp-nd-%'"));
    CliRun second = importFile(file);
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("0 new, 2500 already stored"), second.out());
    assertEquals(2500, count(server, "SELECT count(*) FROM event WHERE id LIKE 'imp-nd-%'"));
  }

  @Test
  void csvFileWithHeaderIsImported() throws Exception {
    Path file = dir.resolve("events.csv");
    Files.writeString(file, """
        id,type,post,workstation,occurredAt,outcome,documentType,direction,reason,count,persons
        csv-1,document_check,THA-BKK,THA-BKK-S01,2021-03-01T09:00:00+07:00,imposter,passport,,,,
        csv-2,interception,THA-BKK,,2021-03-01T09:05:00+07:00,,,entry,"no_visa",,2
        csv-3,crossing_count,THA-BKK,,2021-03-01T09:00:00+07:00,,,exit,,340,
        """);
    CliRun run = importFile(file);
    assertEquals(0, run.exit(), run.err());
    assertEquals(3, count(server, "SELECT count(*) FROM event WHERE id LIKE 'csv-%'"));
    assertEquals(2, count(server, "SELECT persons FROM event WHERE id = 'csv-2'"));
    assertEquals(340, count(server, "SELECT count FROM event WHERE id = 'csv-3'"));
  }

  @Test
  void invalidEventStopsTheImportNamingTheLineOfTheFile() throws Exception {
    Path file = dir.resolve("bad.ndjson");
    StringBuilder sb = new StringBuilder();
    var batch = Events.batch("imp-bad", 5);
    batch.getJsonObject(3).put("documentType", "library_card");
    batch.forEach(e -> sb.append(e).append("\n\n"));
    Files.writeString(file, sb);
    CliRun run = importFile(file);
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("line 7: documentType must be one of"), run.err());
    assertEquals(0, count(server, "SELECT count(*) FROM event WHERE id LIKE 'imp-bad-%'"));
  }
}
