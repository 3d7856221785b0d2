package org.borderpulse.rollup;

/** Every statement of the rollup package. */
interface RollupSql {
  /**
   * The writer adds the sums of many batches (decision 010). The arrays come sorted in key order
   * (one writer per node, so there is no lock order to keep; it keeps consecutive rows on the
   * same index pages). Nothing is returned: the cube already has the deltas.
   */
  String ADD = "INSERT INTO rollup_day AS r (local_day, dimensions, value, events) "
      + "SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[], $4::bigint[]) "
      + "ON CONFLICT (local_day, dimensions) DO UPDATE SET value = r.value + EXCLUDED.value, "
      + "events = r.events + EXCLUDED.events, version = r.version + 1";

  /** Marks batches folded into rollup_day, in the same transaction as their sums. */
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
  String DAY_RANGE = "SELECT min(local_day) - DATE '1970-01-01', max(local_day) - DATE '1970-01-01' FROM rollup_day";

  /** One day-range slice of everything, as COPY text (start-up load; $1/$2 are quoted dates). */
  String COPY_SLICE = "COPY (SELECT local_day, dimensions, value, events, version FROM rollup_day "
      + "WHERE local_day BETWEEN $1 AND $2) TO STDOUT";
}
