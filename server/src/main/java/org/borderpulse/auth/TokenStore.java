package org.borderpulse.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Post tokens in PostgreSQL, with a bounded in-memory cache of known-good token hashes so an
 * ingest request does not cost a lookup. Unknown tokens always go to the database.
 */
public final class TokenStore {
  private static final int CACHE_LIMIT = 10_000;
  private final Pool pool;
  private final ConcurrentHashMap<String, String> postByHash = new ConcurrentHashMap<>();

  public TokenStore(Pool pool) {
    this.pool = pool;
  }

  /** Issues a new token for {@code postId}; the caller gets it once, only its hash is kept. */
  public Future<String> issue(String postId) {
    String token = Tokens.generate(Tokens.POST_PREFIX);
    return pool.preparedQuery(TokenSql.INSERT_POST_TOKEN)
        .execute(Tuple.of(Buffer.buffer(Tokens.hash(token)), postId))
        .map(token);
  }

  /** The post a token writes for, if the token is known and not revoked. */
  public Future<Optional<String>> postFor(String token) {
    byte[] hash = Tokens.hash(token);
    String key = HexFormat.of().formatHex(hash);
    String cached = postByHash.get(key);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return pool.preparedQuery(TokenSql.FIND_POST_BY_TOKEN).execute(Tuple.of(Buffer.buffer(hash)))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            return Optional.<String>empty();
          }
          Row row = it.next();
          String post = row.getString("post_id");
          if (postByHash.size() < CACHE_LIMIT) {
            postByHash.put(key, post);
          }
          return Optional.of(post);
        });
  }
}
