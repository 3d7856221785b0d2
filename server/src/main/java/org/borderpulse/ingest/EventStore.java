package org.borderpulse.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderpulse.http.ApiException;
import org.borderpulse.http.Problems;
import org.borderpulse.rollup.RollupStore;
import org.borderpulse.store.CopyPool;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * Stores a batch atomically: every new event, or nothing. An id already stored with the same
 * content is a duplicate; with other content the whole batch fails with 409.
 */
public final class EventStore {
  private static final String UNIQUE_VIOLATION = "23505";
  /** SHA-256 ({@link Event#contentHash}). */
  private static final int CONTENT_HASH_BYTES = 32;
  private final Pool pool;
  private final CopyPool copies;

  /**
   * @param pool the Vert.x pool, for the checked path
   * @param copies the JDBC connections the fast path copies batches over
   */
  public EventStore(Pool pool, CopyPool copies) {
    this.pool = pool;
    this.copies = copies;
  }

  /**
   * What a committed batch did, with the rollup deltas of the events it stored (for the cube and
   * the rollup writer, which stores them behind the transaction).
   */
  public record Result(int accepted, int duplicates, long batchSeq, List<RollupStore.Delta> deltas) {}

  /**
   * A batch ready to store, made by {@link #prepare} on the thread that validated it, while its
   * events are still in that core's caches: sorted by id, encoded for the fast path's COPY, its
   * rollup deltas summed.
   */
  public record Batch(List<Indexed> sorted, int repeated, EventCopy.Rows rows, List<RollupStore.Delta> deltas) {}

  /**
   * @param events validated events, unique by id, with their indexes in the request
   * @param repeated events dropped before storing because the same record came twice in the request
   */
  public static Batch prepare(List<Indexed> events, int repeated) {
    List<Indexed> sorted = new ArrayList<>(events);
    sorted.sort((a, b) -> a.event().id().compareTo(b.event().id()));
    return new Batch(sorted, repeated, EventCopy.encode(sorted),
        RollupStore.deltas(sorted.stream().map(Indexed::event).toList()));
  }

  /**
   * Stores a batch: first as if every id were new (the usual case: one COPY, no conflict
   * handling); if an id is already stored (or a concurrent request stored it first) that attempt
   * is rolled back and the batch takes the checked path, which tells duplicates from conflicts.
   * Both paths commit the events and the batch row together; the rollups follow behind
   * ({@code RollupWriter}).
   */
  public Future<Result> store(Batch batch) {
    return storeNew(batch)
        .recover(e -> isKnownId(e) ? storeChecked(batch.sorted(), batch.repeated()) : Future.failedFuture(e));
  }

  /**
   * The fast path (decision 011): on a JDBC connection, in one transaction, the batch row and
   * then the events with a binary COPY under the batch's sequence number. Fails with a unique
   * violation on {@code event_pkey} when an id is known.
   */
  private Future<Result> storeNew(Batch batch) {
    return copies.inTransaction(c -> copyNew(c, batch.rows()))
        .map(seq -> new Result(batch.sorted().size(), batch.repeated(), seq, batch.deltas()));
  }

  private static long copyNew(Connection c, EventCopy.Rows rows) throws SQLException, IOException {
    long seq;
    try (PreparedStatement insert = c.prepareStatement(IngestSql.INSERT_NEW_BATCH)) {
      insert.setInt(1, rows.count());
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    c.unwrap(PGConnection.class).getCopyAPI().copyIn(IngestSql.COPY_EVENTS, rows.withBatchSeq(seq));
    return seq;
  }

  /** A unique violation of the event key: some id of the batch is already stored. */
  private static boolean isKnownId(Throwable e) {
    return e instanceof PSQLException p && UNIQUE_VIOLATION.equals(p.getSQLState())
        && p.getServerErrorMessage() != null && IngestSql.EVENT_KEY.equals(p.getServerErrorMessage().getConstraint());
  }

  /**
   * The checked path: skips known ids, compares their stored content (409 if any differs),
   * and rolls up only the events this batch stored.
   */
  private Future<Result> storeChecked(List<Indexed> sorted, int repeated) {
    return pool.withTransaction(conn -> conn.preparedQuery(IngestSql.INSERT_EVENTS).execute(columns(sorted))
        .compose(rows -> {
          Set<String> inserted = new HashSet<>();
          long seq = 0;
          for (Row r : rows) {
            inserted.add(r.getString(0));
            seq = r.getLong(1);
          }
          long batchSeq = seq;
          List<Indexed> known = sorted.stream().filter(e -> !inserted.contains(e.event().id())).toList();
          List<Event> fresh = sorted.stream().map(Indexed::event).filter(e -> inserted.contains(e.id())).toList();
          Future<Void> checked = known.isEmpty() ? Future.succeededFuture() : checkSameContent(conn, known);
          return checked
              .compose(x -> inserted.isEmpty() ? Future.succeededFuture()
                  : conn.preparedQuery(IngestSql.INSERT_BATCH).execute(Tuple.of(batchSeq, inserted.size())))
              .map(x -> new Result(inserted.size(), known.size() + repeated, batchSeq, RollupStore.deltas(fresh)));
        }));
  }

  /** The 18 parameters of {@link IngestSql#INSERT_FROM_ARRAYS}, in the events' order. */
  private static Tuple columns(List<Indexed> events) {
    int n = events.size();
    String[] id = new String[n], type = new String[n], post = new String[n], ws = new String[n];
    Long[] at = new Long[n];
    Integer[] day = new Integer[n];
    String[] outcome = new String[n], docType = new String[n], issuing = new String[n], nat = new String[n];
    String[] fraud = new String[n], hash = new String[n], dir = new String[n], reason = new String[n];
    Integer[] persons = new Integer[n], count = new Integer[n], period = new Integer[n];
    byte[] content = new byte[n * CONTENT_HASH_BYTES];
    for (int i = 0; i < n; i++) {
      Event e = events.get(i).event();
      id[i] = e.id();
      type[i] = e.type();
      post[i] = e.post();
      ws[i] = e.workstation();
      at[i] = epochMicros(e.occurredAt());
      day[i] = (int) e.localDay().toEpochDay();
      outcome[i] = e.outcome();
      docType[i] = e.documentType();
      issuing[i] = e.issuingCountry();
      nat[i] = e.nationality();
      fraud[i] = e.fraudType();
      hash[i] = e.documentHash();
      dir[i] = e.direction();
      reason[i] = e.reason();
      persons[i] = e.persons();
      count[i] = e.count();
      period[i] = e.periodMinutes();
      byte[] digest = events.get(i).contentHash();
      if (digest.length != CONTENT_HASH_BYTES) {
        throw new IllegalStateException("a content hash is " + CONTENT_HASH_BYTES + " bytes, not " + digest.length);
      }
      System.arraycopy(digest, 0, content, i * CONTENT_HASH_BYTES, CONTENT_HASH_BYTES);
    }
    return Tuple.from(List.of(id, type, post, ws, at, day, outcome, docType, issuing, nat, fraud, hash, dir, reason,
        persons, count, period, Buffer.buffer(content)));
  }

  /** Microseconds since 1970 (truncated, as PostgreSQL's timestamptz holds microseconds). */
  public static long epochMicros(OffsetDateTime at) {
    return at.toEpochSecond() * 1_000_000 + at.getNano() / 1_000;
  }

  private static Future<Void> checkSameContent(SqlConnection conn, List<Indexed> known) {
    String[] ids = known.stream().map(e -> e.event().id()).toArray(String[]::new);
    return conn.preparedQuery(IngestSql.STORED_HASHES).execute(Tuple.tuple().addArrayOfString(ids)).compose(rows -> {
      Map<String, byte[]> stored = new HashMap<>();
      for (Row r : rows) {
        stored.put(r.getString(0), r.getBuffer(1).getBytes());
      }
      JsonArray conflicts = new JsonArray();
      for (Indexed e : known) {
        byte[] s = stored.get(e.event().id());
        if (s != null && !Arrays.equals(s, e.contentHash())) {
          conflicts.add(Problems.error(e.index(), "id", "id '" + e.event().id()
              + "' is already stored with different content; a new record needs a new id"));
        }
      }
      if (conflicts.isEmpty()) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(new ApiException(409, "Conflict",
          conflicts.size() + " event id(s) are already stored with different content; nothing from this batch was stored",
          conflicts));
    });
  }

  /** A validated event, its position in the request and its content hash. */
  public record Indexed(int index, Event event, byte[] contentHash) {
    public Indexed(int index, Event event) {
      this(index, event, event.contentHash());
    }
  }
}
