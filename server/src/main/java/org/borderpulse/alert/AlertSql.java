package org.borderpulse.alert;

/** Every statement about alert instances, acknowledgements, silences, alert lists and the outbox. */
public interface AlertSql {
  String COLUMNS = """
      id, rule_id, group_key, group_labels, country, event_id, severity, state, episode, value, threshold,
      explanation, link, state_since, pending_since, firing_since, resolved_at, last_true_at, version""";

  /** A new instance; nothing when another node (or an earlier run) made it first. */
  String INSERT_INSTANCE = "INSERT INTO alert_instance (" + COLUMNS + ", updated_at) VALUES "
      + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 0, now()) "
      + "ON CONFLICT DO NOTHING RETURNING version";

  /** A state transition, only from the version this node last saw. */
  String UPDATE_INSTANCE = """
      UPDATE alert_instance SET severity = $3, state = $4, episode = $5, value = $6, threshold = $7,
        explanation = $8, link = $9, state_since = $10, pending_since = $11, firing_since = $12,
        resolved_at = $13, last_true_at = $14, group_labels = $15, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 RETURNING version""";

  /** The current value and explanation of an instance whose state did not change. */
  String UPDATE_VALUE = """
      UPDATE alert_instance SET value = $2, threshold = $3, explanation = $4, link = $5, last_true_at = $6,
        updated_at = now() WHERE id = $1""";

  /** Open instances of rules that no longer exist are resolved (their history stays). */
  String RESOLVE_ORPHANS = """
      UPDATE alert_instance SET state = 'resolved', state_since = now(), resolved_at = now(), version = version + 1,
        explanation = explanation || ' (rule deleted)', updated_at = now()
      WHERE NOT (rule_id = ANY($1::text[])) AND state IN ('pending', 'firing')""";

  String INSERT_TRANSITION = """
      INSERT INTO alert_transition (alert_id, episode, from_state, to_state, at, value, explanation)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  String INSERT_NOTIFICATION = """
      INSERT INTO alert_notification (id, channel, target, alert_id, state, payload) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT DO NOTHING""";

  String LOAD_INSTANCES = "SELECT " + COLUMNS + " FROM alert_instance WHERE state IN ('pending', 'firing') "
      + "OR (state = 'resolved' AND event_id IS NULL)";
  String GET_INSTANCE = "SELECT " + COLUMNS + " FROM alert_instance WHERE id = $1";

  /** The API's list: filters are optional ($n IS NULL), newest state change first. */
  String LIST_ALERTS = """
      SELECT %s, k.who, k.comment, k.at
      FROM alert_instance a
      LEFT JOIN LATERAL (SELECT who, comment, at FROM alert_ack WHERE alert_id = a.id AND episode = a.episode
        ORDER BY id DESC LIMIT 1) k ON true
      WHERE ($1::text[] IS NULL AND a.state <> 'normal' OR a.state = ANY($1::text[]))
        AND ($2::text[] IS NULL OR a.severity = ANY($2::text[]))
        AND ($3::text[] IS NULL OR a.rule_id = ANY($3::text[]))
        AND ($4::text[] IS NULL OR a.country = ANY($4::text[]))
        AND ($5::text[] IS NULL OR a.country = ANY($5::text[]))
      ORDER BY a.state_since DESC, a.id LIMIT $6""".formatted(COLUMNS.replace("\n", " "));

  String INSERT_ACK = "INSERT INTO alert_ack (alert_id, episode, who, comment) VALUES ($1, $2, $3, $4) RETURNING at";

  String INSERT_SILENCE = """
      INSERT INTO alert_silence (id, matchers, until, comment, created_by) VALUES ($1, $2, $3, $4, $5)
      RETURNING starts_at, created_at""";
  String ACTIVE_SILENCES = "SELECT id, matchers, starts_at, until, comment, created_by FROM alert_silence "
      + "WHERE until > now() ORDER BY until";
  String DELETE_SILENCE = "DELETE FROM alert_silence WHERE id = $1";

  String UPSERT_LIST = "INSERT INTO alert_list (id, updated_at) VALUES ($1, now()) "
      + "ON CONFLICT (id) DO UPDATE SET updated_at = now() RETURNING (xmax = 0) AS created";
  String DELETE_LIST_HASHES_NOT_IN = "DELETE FROM alert_list_hash WHERE list_id = $1 AND NOT (hash = ANY($2::text[]))";
  String INSERT_LIST_HASHES = "INSERT INTO alert_list_hash (list_id, hash) SELECT $1, unnest($2::text[]) "
      + "ON CONFLICT DO NOTHING";
  String GET_LIST = "SELECT l.id, l.updated_at, count(h.hash) FROM alert_list l LEFT JOIN alert_list_hash h "
      + "ON h.list_id = l.id WHERE l.id = $1 GROUP BY l.id, l.updated_at";
  String LIST_LISTS = "SELECT l.id, l.updated_at, count(h.hash) FROM alert_list l LEFT JOIN alert_list_hash h "
      + "ON h.list_id = l.id GROUP BY l.id, l.updated_at ORDER BY l.id";
  String LIST_HASHES = "SELECT hash FROM alert_list_hash WHERE list_id = $1 ORDER BY hash";
  /** Every listed hash, with when it was listed (the evaluator's in-memory set). */
  String ALL_HASHES = "SELECT list_id, hash, added_at FROM alert_list_hash";

  /** Recent events of one post (the event_post_day index), for the windows and the alert-list re-scan. */
  String RECENT_EVENTS = """
      SELECT id, type, post_id, workstation_id, occurred_at, outcome, document_type, fraud_type, issuing_country,
        nationality, reason, direction, persons, count, document_hash, received_at
      FROM event WHERE post_id = $1 AND local_day BETWEEN $2 AND $3""";
  /** Which of a batch's events were stored by it (the event_batch index). */
  String BATCH_IDS = "SELECT id FROM event WHERE batch_seq = $1";
}
