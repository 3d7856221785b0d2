package org.borderpulse.rollup;

/** Every statement of the rollup package. */
interface RollupSql {
  /**
   * Adds a batch's deltas and returns each touched row's new absolute value and version. The
   * key is the day and the {@code dimensions} column (see {@link RollupRow#dimensions()},
   * migration V5). The arrays come in one order shared by every batch (RollupStore sorts them),
   * and rows are upserted in array order, so concurrent batches lock rows in the same order.
   */
  String UPSERT = "INSERT INTO rollup_day AS r (local_day, dimensions, value, events) "
      + "SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[], $4::bigint[]) "
      + "ON CONFLICT (local_day, dimensions) DO UPDATE SET value = r.value + EXCLUDED.value, "
      + "events = r.events + EXCLUDED.events, version = r.version + 1 "
      + "RETURNING local_day, dimensions, value, events, version";

  /** The first and last day held, as epoch days (start-up load slices). */
  String DAY_RANGE = "SELECT min(local_day) - DATE '1970-01-01', max(local_day) - DATE '1970-01-01' FROM rollup_day";

  /** One day-range slice of everything, as COPY text (start-up load; $1/$2 are quoted dates). */
  String COPY_SLICE = "COPY (SELECT local_day, dimensions, value, events, version FROM rollup_day "
      + "WHERE local_day BETWEEN $1 AND $2) TO STDOUT";
}
