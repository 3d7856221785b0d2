package org.borderpulse.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.borderpulse.ingest.Event;
import org.borderpulse.ingest.EventStore;
import org.borderpulse.rollup.BlockCells;
import org.borderpulse.rollup.RollupStore;
import org.borderpulse.store.Database;
import org.postgresql.PGConnection;

/**
 * The server's checked-path insert (read from {@code IngestSql.INSERT_EVENTS}) on one connection,
 * against variants without its ORDER BY and without ON CONFLICT … RETURNING, the fast path's
 * binary COPY ({@code IngestSql.COPY_EVENTS}, rows from {@code EventCopy}), the rollup
 * writer's statement for the same batch ({@code RollupSql.ADD_PARTS}: a part per post and day), and COPY of the same rows: the statement's own time (client-timed, arrays bound beforehand, commit
 * excluded) and the WAL each batch writes. Variants take turns, so a disturbance hits them all.
 * Then one {@code EXPLAIN (ANALYZE, BUFFERS, WAL)} plan of the server's statement.
 */
final class StatementProfile {
  private static final int SAMPLES = 25;
  private final Database db;
  private final BenchOptions options;

  StatementProfile(Database db, BenchOptions options) {
    this.db = db;
    this.options = options;
  }

  /** One way to store a batch: prepared (statement bound, rows encoded) before the clock starts. */
  private interface Loader {
    Load prepare(Connection conn, List<Event> events) throws Exception;
  }

  /** A prepared load; {@link #run} returns when the rows are written (not yet committed). */
  private interface Load extends AutoCloseable {
    void run() throws Exception;

    @Override
    default void close() throws Exception {}
  }

  private record Variant(String name, Loader loader, List<Double> millis, List<Long> walBytes) {
    Variant(String name, Loader loader) {
      this(name, loader, new ArrayList<>(), new ArrayList<>());
    }
  }

  void run() throws Exception {
    String insert = ServerSql.read("org.borderpulse.ingest.IngestSql", "INSERT_EVENTS");
    String rollup = ServerSql.read("org.borderpulse.rollup.RollupSql", "ADD_PARTS");
    String fastPath = ServerSql.read("org.borderpulse.ingest.IngestSql", "COPY_EVENTS");
    String unordered = without(insert, "ORDER BY e.id COLLATE \"C\"");
    String plain = without(without(unordered, "ON CONFLICT (id) DO NOTHING"), "RETURNING id, batch_seq");
    List<Variant> variants = List.of(
        new Variant("checked-path INSERT … unnest, ORDER BY id, ON CONFLICT, RETURNING", (c, e) -> insert(c, insert, e)),
        new Variant("  same without ORDER BY", (c, e) -> insert(c, unordered, e)),
        new Variant("  same without ORDER BY, ON CONFLICT, RETURNING", (c, e) -> insert(c, plain, e)),
        new Variant("fast path: binary COPY into event (EventCopy)", (c, e) -> binaryCopy(c, fastPath, e)),
        new Variant("server rollup parts of the batch's deltas (RollupSql)", (c, e) -> addParts(c, rollup, e)),
        new Variant("COPY of the same rows into event_copy", StatementProfile::copy));
    try (Connection conn = CopyLoad.connect(db)) {
      conn.setAutoCommit(false);
      for (int i = 0; i < SAMPLES; i++) {
        for (int v = 0; v < variants.size(); v++) {
          measure(conn, variants.get(v), EventMix.batch("s" + v, i, SAMPLES, options.batchSize(), 20 + v));
        }
      }
      System.out.printf("%nThe statement alone, one %d-event batch on one connection (median of %d, commit excluded):%n",
          options.batchSize(), SAMPLES);
      System.out.printf("%-58s %10s %10s %12s%n", "statement", "ms/batch", "(min)", "WAL B/event");
      for (Variant v : variants) {
        System.out.printf(Locale.ROOT, "%-58s %10.2f %10.2f %12d%n", v.name(), median(v.millis()),
            v.millis().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
            Math.round(median(v.walBytes().stream().map(Long::doubleValue).toList()) / options.batchSize()));
      }
      System.out.println("\nPlan of the server's checked-path statement:");
      explain(conn, insert, EventMix.batch("plan", 0, 1, options.batchSize(), 99)).forEach(System.out::println);
      conn.rollback();
    }
  }

  private static void measure(Connection conn, Variant v, List<Event> events) throws Exception {
    String lsn = walPosition(conn);
    try (Load load = v.loader().prepare(conn, events)) {
      long t0 = System.nanoTime();
      load.run();
      v.millis().add((System.nanoTime() - t0) / 1e6);
    }
    conn.commit();
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '" + lsn + "')")) {
      r.next();
      v.walBytes().add(r.getLong(1));
    }
    conn.commit();
  }

  private static String walPosition(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
      r.next();
      return r.getString(1);
    }
  }

  private static Load insert(Connection conn, String sql, List<Event> events) throws SQLException {
    PreparedStatement ps = conn.prepareStatement(sql);
    bind(conn, ps, events);
    return statement(ps);
  }

  private static Load statement(PreparedStatement ps) {
    return new Load() {
      @Override
      public void run() throws SQLException {
        ps.execute();
      }

      @Override
      public void close() throws SQLException {
        ps.close();
      }
    };
  }

  /** The server's fast path: the batch prepared as the server prepares it (sorted by id, encoded). */
  private static Load binaryCopy(Connection conn, String sql, List<Event> events) {
    List<EventStore.Indexed> indexed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      indexed.add(new EventStore.Indexed(i, events.get(i)));
    }
    EventStore.Batch batch = EventStore.prepare(indexed, 0);
    return () -> conn.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, batch.rows().withBatchSeq(0));
  }

  private static Load copy(Connection conn, List<Event> events) {
    byte[] rows = CopyRows.encode(events, 0);
    return () -> conn.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.COPY_IN, new ByteArrayInputStream(rows));
  }

  private static long part = 1;

  /** The rollup writer's statement for one batch: a part per block (post and day) with the batch's cells. */
  private static Load addParts(Connection conn, String sql, List<Event> events) throws SQLException {
    Map<LocalDate, BlockCells> blocks = new TreeMap<>();
    for (RollupStore.Delta d : RollupStore.deltas(events)) {
      blocks.computeIfAbsent(d.day(), k -> new BlockCells()).add(d.dimensions(), d.value(), d.events());
    }
    PreparedStatement ps = conn.prepareStatement(sql);
    ps.setLong(1, part++);
    ps.setArray(2, conn.createArrayOf("date", blocks.keySet().stream().map(LocalDate::toString).toArray()));
    ps.setArray(3, conn.createArrayOf("text", blocks.keySet().stream().map(d -> events.get(0).post()).toArray()));
    ps.setArray(4, conn.createArrayOf("text", blocks.values().stream().map(BlockCells::text).toArray()));
    return statement(ps);
  }

  private static List<String> explain(Connection conn, String sql, List<Event> events) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, WAL) " + sql)) {
      bind(conn, ps, events);
      List<String> lines = new ArrayList<>();
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          lines.add(r.getString(1));
        }
      }
      return lines;
    }
  }

  /** The 18 parameters, in the order of the server's placeholders (content hashes as one bytea, as the server sends them). */
  private static void bind(Connection conn, PreparedStatement ps, List<Event> events) throws SQLException {
    int i = 1;
    for (Function<Event, String> text : List.<Function<Event, String>>of(Event::id, Event::type, Event::post,
        Event::workstation)) {
      ps.setArray(i++, array(conn, "text", events, text));
    }
    ps.setArray(i++, conn.createArrayOf("int8", events.stream().map(e -> EventStore.epochMicros(e.occurredAt())).toArray()));
    ps.setArray(i++, conn.createArrayOf("int4", events.stream().map(e -> (int) e.localDay().toEpochDay()).toArray()));
    for (Function<Event, String> text : List.<Function<Event, String>>of(Event::outcome, Event::documentType,
        Event::issuingCountry, Event::nationality, Event::fraudType, Event::documentHash, Event::direction,
        Event::reason)) {
      ps.setArray(i++, array(conn, "text", events, text));
    }
    ps.setArray(i++, conn.createArrayOf("int4", events.stream().map(Event::persons).toArray()));
    ps.setArray(i++, conn.createArrayOf("int4", events.stream().map(Event::count).toArray()));
    ps.setArray(i++, conn.createArrayOf("int4", events.stream().map(Event::periodMinutes).toArray()));
    ByteArrayOutputStream hashes = new ByteArrayOutputStream(events.size() * 32);
    events.forEach(e -> hashes.writeBytes(e.contentHash()));
    ps.setBytes(i, hashes.toByteArray());
  }

  private static Array array(Connection conn, String type, List<Event> events, Function<Event, String> f)
      throws SQLException {
    return conn.createArrayOf(type, events.stream().map(f).toArray(String[]::new));
  }

  private static String without(String sql, String part) {
    if (!sql.contains(part)) {
      throw new IllegalStateException("the server's insert no longer contains '" + part + "'; update StatementProfile");
    }
    return sql.replace(part, "");
  }

  /**
   * A statement the server runs, from its package's SQL holder, with JDBC's ? for the $n
   * placeholders (each used once, in order).
   */
  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
