package org.borderpulse.alert;

/** Every statement about alert rules. */
interface RuleSql {
  String UPSERT = """
      INSERT INTO alert_rule (id, definition, source, updated_at) VALUES ($1, $2, $3, now())
      ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, source = EXCLUDED.source, updated_at = now()
      RETURNING (xmax = 0) AS created""";
  String LIST = "SELECT id, definition, source FROM alert_rule ORDER BY id";
  String GET = "SELECT id, definition, source FROM alert_rule WHERE id = $1";
  String DELETE = "DELETE FROM alert_rule WHERE id = $1";
}
