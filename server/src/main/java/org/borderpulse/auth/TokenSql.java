package org.borderpulse.auth;

/** Every statement of the auth package. */
interface TokenSql {
  String INSERT_POST_TOKEN = "INSERT INTO post_token (token_hash, post_id) VALUES ($1, $2)";
  String FIND_POST_BY_TOKEN =
      "SELECT post_id FROM post_token WHERE token_hash = $1 AND revoked_at IS NULL";
}
