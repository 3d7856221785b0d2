package org.borderpulse.alert.notify;

/** Every statement of the notification delivery (the outbox table {@code alert_notification}). */
interface NotifySql {
  /**
   * Claims due notifications: each is leased ($1 seconds) so no other node or pass takes it
   * while it is being sent; a node that dies mid-send leaves it to be retried after the lease.
   * New notifications younger than $3 seconds wait (the group wait of the pass that will take
   * them together).
   */
  String CLAIM = """
      UPDATE alert_notification n SET due_at = now() + make_interval(secs => $1), attempts = n.attempts + 1
      FROM (SELECT id, channel, target FROM alert_notification
            WHERE delivered_at IS NULL AND failed_at IS NULL AND due_at <= now()
              AND (attempts > 0 OR created_at <= now() - make_interval(secs => $3))
            ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED) d
      WHERE n.id = d.id AND n.channel = d.channel AND n.target = d.target
      RETURNING n.id, n.channel, n.target, n.payload, n.attempts""";

  String DELIVERED = """
      UPDATE alert_notification SET delivered_at = now(), last_error = NULL
      WHERE id = $1 AND channel = $2 AND target = $3""";

  /** A failed attempt: retry after $4 seconds, or give up ($6 true). */
  String FAILED = """
      UPDATE alert_notification SET due_at = now() + make_interval(secs => $4), last_error = $5,
        failed_at = CASE WHEN $6 THEN now() END
      WHERE id = $1 AND channel = $2 AND target = $3""";

  /** The soonest retry, to wake up for it. */
  String NEXT_DUE = """
      SELECT extract(epoch FROM (min(due_at) - now())) FROM alert_notification
      WHERE delivered_at IS NULL AND failed_at IS NULL""";
}
