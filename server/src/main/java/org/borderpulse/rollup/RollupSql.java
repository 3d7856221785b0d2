package org.borderpulse.rollup;

/** Every statement of the rollup package. */
interface RollupSql {
  /**
   * The stored blocks a write touches, locked (decision 010): the writer adds its sums to them in
   * Java and writes them back in the same transaction. Locked in key order, so writers on
   * several nodes cannot deadlock.
   */
  String LOCK_BLOCKS = "SELECT b.local_day, b.post_id, b.cells FROM rollup_block b "
      + "WHERE (b.local_day, b.post_id) IN (SELECT * FROM unnest($1::date[], $2::text[])) "
      + "ORDER BY b.local_day, b.post_id FOR UPDATE";

  /** Writes blocks whole: the stored cells plus the writer's sums. */
  String WRITE_BLOCKS = "INSERT INTO rollup_block AS b (local_day, post_id, cells) "
      + "SELECT * FROM unnest($1::date[], $2::text[], $3::text[]) "
      + "ON CONFLICT (local_day, post_id) DO UPDATE SET cells = EXCLUDED.cells";

  /** Marks batches folded into the rollups, in the same transaction as their sums. */
  String MARK_ROLLED = "UPDATE ingest_batch SET rolled = true WHERE seq = ANY($1::bigint[]) AND NOT rolled";

  /** Whether a write whose commit was not confirmed took effect: the count of its batches now rolled. */
  String COUNT_ROLLED = "SELECT count(*) FROM ingest_batch WHERE seq = ANY($1::bigint[]) AND rolled";

  /** Batches committed but not yet folded (a crash or an outage between the two), oldest first. */
  String UNROLLED = "SELECT seq FROM ingest_batch WHERE NOT rolled ORDER BY seq LIMIT $1";

  /** The stored events of some batches, as the rollup deltas need them. */
  String EVENTS_OF_BATCHES = "SELECT id, type, post_id, workstation_id, occurred_at, local_day, outcome, "
      + "document_type, issuing_country, nationality, fraud_type, document_hash, direction, reason, persons, count, "
      + "period_minutes FROM event WHERE batch_seq = ANY($1::bigint[])";

  /** The first and last day held, as epoch days (start-up load slices). */
  String DAY_RANGE = "SELECT min(local_day) - DATE '1970-01-01', max(local_day) - DATE '1970-01-01' FROM rollup_block";

  /** One day-range slice of every block, as COPY text (start-up load; $1/$2 are quoted dates). */
  String COPY_SLICE = "COPY (SELECT local_day, cells FROM rollup_block WHERE local_day BETWEEN $1 AND $2) TO STDOUT";
}
