package org.borderpulse.query;

import java.util.Set;
import org.borderpulse.auth.Principal;
import org.borderpulse.http.ApiException;

/**
 * The one place that decides what a caller may read. Every REST query and every live
 * subscription goes through {@link #of}. Today: the admin reads everything; post tokens only
 * write. Per-user country scopes plug in here.
 */
public final class QueryScope {
  private QueryScope() {}

  /** May this caller read at all (use the web app, open the live socket)? */
  public static boolean mayRead(Principal who) {
    return who.isAdmin();
  }

  /** The countries the caller may see ({@code null}: all), or 403. */
  public static Set<String> of(Principal who) {
    if (mayRead(who)) {
      return null;
    }
    throw ApiException.forbidden("a post token may only send events; reading needs a user or the admin token");
  }
}
