package org.borderpulse.auth;

/** Every statement of web sessions. */
interface SessionSql {
  String INSERT = "INSERT INTO web_session (id_hash, kind, post_id, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 second')";
  String FIND = "SELECT kind, post_id FROM web_session WHERE id_hash = $1 AND expires_at > now()";
  String DELETE = "DELETE FROM web_session WHERE id_hash = $1";
  String PURGE = "DELETE FROM web_session WHERE expires_at < now()";
}
