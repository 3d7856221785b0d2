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

  /** Everything, for start-up (read with a cursor). */
  String LOAD = "SELECT " + COLUMNS + ", value, events, version FROM rollup_day";
}
