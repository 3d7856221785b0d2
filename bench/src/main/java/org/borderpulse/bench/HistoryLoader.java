package org.borderpulse.bench;

import io.vertx.core.json.JsonArray;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.ingest.Event;
import org.borderpulse.ingest.EventReader;
import org.borderpulse.ingest.EventValidator;
import org.borderpulse.sim.Generator;
import org.borderpulse.sim.SimEvent;
import org.borderpulse.sim.SimParams;
import org.borderpulse.sim.SimPost;
import org.borderpulse.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a database with a simulated history of about {@code target} events — the shipped
 * posts, 2019 to October 2026, validated and normalised exactly as ingest would — with COPY,
 * then builds their rollups in one GROUP BY. A fixture for query benchmarks, not an ingest path.
 */
final class HistoryLoader {
  /** Events the generator makes per unit of its history density over this span (measured). */
  private static final double EVENTS_PER_DENSITY = 7_886_615 / 3500.0;
  private static final int CHUNK = 50_000;
  private static final String COPY = "COPY event (id, type, post_id, workstation_id, occurred_at, local_day, batch_seq, "
      + "outcome, document_type, issuing_country, nationality, fraud_type, document_hash, direction, reason, persons, "
      + "count, period_minutes, content_hash) FROM STDIN";
  /** The rollup cells of every event (as the server files them: RollupStore), in blocks per post and day (V11). */
  private static final String ROLLUP = """
      INSERT INTO rollup_block (local_day, post_id, part, cells)
      SELECT local_day, post_id, 0, string_agg(dimensions || ' ' || value || ' ' || events, ';' ORDER BY dimensions)
      FROM (
        SELECT e.local_day, e.post_id,
            concat_ws('|', e.post_id, CASE e.type WHEN 'document_check' THEN 0 WHEN 'interception' THEN 1 ELSE 2 END,
              coalesce(e.workstation_id, ''), coalesce(e.outcome, ''), coalesce(e.document_type, ''),
              coalesce(e.fraud_type, ''), coalesce(e.issuing_country, ''), coalesce(e.nationality, ''),
              coalesce(e.reason, ''), coalesce(e.direction, ''),
              CASE WHEN e.type = 'crossing_count' AND e.period_minutes <= 60
                THEN to_char(e.occurred_at AT TIME ZONE p.time_zone, 'HH24') ELSE '' END) COLLATE "C" AS dimensions,
            sum(CASE e.type WHEN 'document_check' THEN 1 WHEN 'interception' THEN e.persons ELSE e.count END) AS value,
            count(*) AS events
        FROM event e JOIN post p ON p.id = e.post_id
        GROUP BY 1, 2, 3) cells
      GROUP BY 1, 2""";

  private HistoryLoader() {}

  static long load(Database db, Path configDir, long target) throws Exception {
    List<Post> posts = ReferenceFiles.posts(configDir.resolve("posts.yaml"));
    Map<String, Post> byId = new HashMap<>();
    posts.forEach(p -> byId.put(p.id(), p));
    List<SimPost> sim = posts.stream().map(SimPost::of).toList();
    Generator g = new Generator(new SimParams(7, Instant.parse("2026-11-01T00:00:00Z"), null,
        target / EVENTS_PER_DENSITY, 1, false), sim);
    EventValidator validator = new EventValidator(id -> Optional.ofNullable(byId.get(id)), Clock.systemUTC());
    long n = 0;
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder chunk = new StringBuilder(CHUNK * 200);
      int inChunk = 0;
      for (SimPost p : sim) {
        for (LocalDate d = LocalDate.of(2019, 1, 1); d.isBefore(LocalDate.of(2026, 11, 1)); d = d.plusDays(1)) {
          for (SimEvent e : g.day(p, d)) {
            JsonArray errors = new JsonArray();
            Event ev = validator.validate(new EventReader.Raw(0, null, e.json()), errors);
            if (ev == null) {
              throw new IllegalStateException("generated an invalid event: " + errors);
            }
            row(chunk, ev);
            n++;
            if (++inChunk == CHUNK) {
              copy.copyIn(COPY, new StringReader(chunk.toString()));
              chunk.setLength(0);
              inChunk = 0;
            }
          }
        }
        System.out.printf("  %s: %,d events so far%n", p.id(), n);
      }
      if (inChunk > 0) {
        copy.copyIn(COPY, new StringReader(chunk.toString()));
      }
      c.createStatement().execute(ROLLUP);
      c.createStatement().execute("VACUUM ANALYZE event");
      c.createStatement().execute("VACUUM ANALYZE rollup_block");
    }
    return n;
  }

  /** One COPY text line in the column order of the event table. */
  private static void row(StringBuilder sb, Event e) {
    Object[] cols = {e.id(), e.type(), e.post(), e.workstation(), e.occurredAt(), e.localDay(), 1, e.outcome(),
        e.documentType(), e.issuingCountry(), e.nationality(), e.fraudType(), e.documentHash(), e.direction(),
        e.reason(), e.persons(), e.count(), e.periodMinutes()};
    for (Object col : cols) {
      sb.append(col == null ? "\\N" : col.toString()).append('\t');
    }
    sb.append("\\\\x").append(HexFormat.of().formatHex(e.contentHash())).append('\n');
  }
}
