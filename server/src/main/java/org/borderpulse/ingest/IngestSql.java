package org.borderpulse.ingest;

/** Every statement of the ingest package. */
interface IngestSql {
  /**
   * Inserts a whole batch in one statement from column arrays, sorted by id so concurrent
   * batches take row locks in the same order. A known id is skipped (ON CONFLICT DO NOTHING);
   * RETURNING tells which ids were new. The batch's sequence number is drawn once.
   */
  String INSERT_EVENTS = """
      WITH batch AS (SELECT nextval('ingest_batch_seq_seq') AS seq)
      INSERT INTO event (id, type, post_id, workstation_id, occurred_at, local_day, batch_seq, outcome,
        document_type, issuing_country, nationality, fraud_type, document_hash, direction, reason, persons,
        count, period_minutes, content_hash)
      SELECT e.id, e.type, e.post_id, e.workstation_id, e.occurred_at, e.local_day, batch.seq, e.outcome,
        e.document_type, e.issuing_country, e.nationality, e.fraud_type, e.document_hash, e.direction, e.reason,
        e.persons, e.count, e.period_minutes, e.content_hash
      FROM batch, unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::date[],
        $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
        $15::int[], $16::int[], $17::int[], $18::bytea[])
        AS e(id, type, post_id, workstation_id, occurred_at, local_day, outcome, document_type, issuing_country,
          nationality, fraud_type, document_hash, direction, reason, persons, count, period_minutes, content_hash)
      ORDER BY e.id
      ON CONFLICT (id) DO NOTHING
      RETURNING id, batch_seq""";

  /** Records an accepted batch under the sequence number its events carry. */
  String INSERT_BATCH = "INSERT INTO ingest_batch (seq, events) VALUES ($1, $2)";

  /** The stored content of ids that were already there (committed: ON CONFLICT waited for them). */
  String STORED_HASHES = "SELECT id, content_hash FROM event WHERE id = ANY($1::text[])";
}
