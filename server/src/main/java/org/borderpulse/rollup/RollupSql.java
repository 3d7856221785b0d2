package org.borderpulse.rollup;

/** Every statement of the rollup package. */
interface RollupSql {
  String COLUMNS = "local_day, post_id, type, workstation_id, outcome, document_type, fraud_type, issuing_country, "
      + "nationality, reason, direction";

  /**
   * Adds a batch's deltas, in key order (so concurrent batches lock rows in the same order),
   * and returns each touched row's new absolute value and version.
   */
  String UPSERT = "INSERT INTO rollup_day (" + COLUMNS + ", value, events) "
      + "SELECT * FROM unnest($1::date[], $2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[], "
      + "$7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::bigint[]) "
      + "ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 "
      + "ON CONFLICT (" + COLUMNS + ") DO UPDATE SET value = rollup_day.value + EXCLUDED.value, "
      + "events = rollup_day.events + EXCLUDED.events, version = rollup_day.version + 1 "
      + "RETURNING " + COLUMNS + ", value, events, version";

  /** The first and last day held, as epoch days (start-up load slices). */
  String DAY_RANGE = "SELECT min(local_day) - DATE '1970-01-01', max(local_day) - DATE '1970-01-01' FROM rollup_day";

  /** One day-range slice of everything, as COPY text (start-up load; $1/$2 are quoted dates). */
  String COPY_SLICE = "COPY (SELECT " + COLUMNS + ", value, events, version FROM rollup_day "
      + "WHERE local_day BETWEEN $1 AND $2) TO STDOUT";
}
