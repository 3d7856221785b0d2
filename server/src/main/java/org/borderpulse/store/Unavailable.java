package org.borderpulse.store;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database outage (answer 503, the client retries) from a real error (answer 500).
 * Nothing is acknowledged in either case.
 */
public final class Unavailable {
  private Unavailable() {}

  public static boolean isOutage(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof TimeoutException
          || c instanceof io.vertx.sqlclient.ClosedConnectionException
          || c instanceof java.nio.channels.ClosedChannelException
          || c instanceof java.io.IOException) {
        return true;
      }
      if (c instanceof PgException pg && isOutageState(pg.getSqlState())
          || c instanceof java.sql.SQLException sql && isOutageState(sql.getSQLState())) {
        return true;
      }
      String m = c.getMessage();
      if (m != null && (m.contains("Connection is not active") || m.contains("Timeout while waiting for connection")
          || m.contains("Max waiter size reached") || m.contains("Pool closed") || m.contains("Connection refused")
          || m.contains("Failed to read any response from the server"))) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** 08 connection exceptions, 57P0x shutdown, 53 insufficient resources. */
  private static boolean isOutageState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"));
  }
}
