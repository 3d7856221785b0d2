package org.borderpulse.ingest;

/** Every statement of the ingest package. */
interface IngestSql {
  /**
   * Inserts events from column arrays $1..$18 under the sequence number of the CTE {@code batch}.
   * The time travels as epoch microseconds and the local day as an epoch day: the client's own
   * timestamptz and date encoders cost more JVM time per event than these two additions cost
   * PostgreSQL. The content hashes (32 bytes each) travel as one bytea, the n-th event's at
   * byte 32n − 31: a thousand separate bytea elements cost the client a buffer each (decision 010).
   */
  String INSERT_FROM_ARRAYS = """
      INSERT INTO event (id, type, post_id, workstation_id, occurred_at, local_day, batch_seq, outcome,
        document_type, issuing_country, nationality, fraud_type, document_hash, direction, reason, persons,
        count, period_minutes, content_hash)
      SELECT e.id, e.type, e.post_id, e.workstation_id,
        TIMESTAMPTZ 'epoch' + e.occurred_at * INTERVAL '1 microsecond', DATE '1970-01-01' + e.local_day,
        batch.seq, e.outcome,
        e.document_type, e.issuing_country, e.nationality, e.fraud_type, e.document_hash, e.direction, e.reason,
        e.persons, e.count, e.period_minutes, substring(h.hashes FROM e.n::int * 32 - 31 FOR 32)
      FROM batch, unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::int4[],
        $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
        $15::int[], $16::int[], $17::int[]) WITH ORDINALITY
        AS e(id, type, post_id, workstation_id, occurred_at, local_day, outcome, document_type, issuing_country,
          nationality, fraud_type, document_hash, direction, reason, persons, count, period_minutes, n),
        (SELECT $18::bytea AS hashes) h
      """;

  /**
   * The fast path's batch row, first (JDBC: the fast path runs on {@code CopyPool}); its
   * sequence number goes into every row of {@link #COPY_EVENTS}.
   */
  String INSERT_NEW_BATCH = "INSERT INTO ingest_batch (events) VALUES (?) RETURNING seq";

  /**
   * The fast path: a batch whose ids are all expected to be new, in PostgreSQL's binary COPY
   * format ({@code EventCopy}), in this column order: the batch's sequence number first, at the
   * same place in every row, so rows encoded before it was drawn get it written in. Nothing is checked but the table's own
   * constraints: a known id fails the COPY with a unique violation on {@code event_pkey} (after
   * waiting for a concurrent insert of it to commit). The rows come sorted by id (Java sorts
   * them; ids are ASCII, so String order is byte order, the "C" collation's, whatever the
   * database's own), so concurrent batches on either path insert their ids in the same order.
   */
  String COPY_EVENTS = "COPY event (batch_seq, id, type, post_id, workstation_id, occurred_at, local_day, outcome,"
      + " document_type, issuing_country, nationality, fraud_type, document_hash, direction, reason, persons, count,"
      + " period_minutes, content_hash) FROM STDIN (FORMAT binary)";

  /**
   * The checked path, taken when the fast path met a known id: inserts a whole batch in one
   * statement from column arrays, sorted by id in the "C" collation — the fast path's order — so
   * concurrent batches take row locks in the same order. A known id is skipped (ON CONFLICT DO NOTHING); RETURNING tells which ids were
   * new. The batch's sequence number is drawn once.
   */
  String INSERT_EVENTS = "WITH batch AS (SELECT nextval('ingest_batch_seq_seq') AS seq)\n" + INSERT_FROM_ARRAYS + """
      ORDER BY e.id COLLATE "C"
      ON CONFLICT (id) DO NOTHING
      RETURNING id, batch_seq""";

  /** The primary key a known id violates. */
  String EVENT_KEY = "event_pkey";

  /** Records an accepted batch under the sequence number its events carry (checked path). */
  String INSERT_BATCH = "INSERT INTO ingest_batch (seq, events) VALUES ($1, $2)";

  /** The stored content of ids that were already there (committed: ON CONFLICT waited for them). */
  String STORED_HASHES = "SELECT id, content_hash FROM event WHERE id = ANY($1::text[])";
}
