package org.borderpulse.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Web app sessions in PostgreSQL (they survive restarts and are seen by every node): a random
 * id in an HttpOnly, SameSite=Strict cookie; only its hash is stored.
 */
public final class Sessions {
  public static final String COOKIE = "bp_session";
  public static final int HOURS = 12;
  private final Pool pool;

  public Sessions(Pool pool) {
    this.pool = pool;
  }

  /** Opens a session for {@code who}; returns the cookie value. */
  public Future<String> open(Principal who) {
    String id = Tokens.generate("bps_");
    return pool.preparedQuery(SessionSql.PURGE).execute()
        .compose(x -> pool.preparedQuery(SessionSql.INSERT).execute(Tuple.of(Buffer.buffer(Tokens.hash(id)),
            who.isAdmin() ? "admin" : "post", who.postId(), HOURS * 3600)))
        .map(id);
  }

  public Future<Optional<Principal>> find(String id) {
    return pool.preparedQuery(SessionSql.FIND).execute(Tuple.of(Buffer.buffer(Tokens.hash(id)))).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row r = it.next();
      return Optional.of("admin".equals(r.getString(0)) ? Principal.ADMIN : Principal.post(r.getString(1)));
    });
  }

  public Future<Void> close(String id) {
    return pool.preparedQuery(SessionSql.DELETE).execute(Tuple.of(Buffer.buffer(Tokens.hash(id)))).mapEmpty();
  }
}
