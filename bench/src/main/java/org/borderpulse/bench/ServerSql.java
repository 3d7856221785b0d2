package org.borderpulse.bench;

import java.lang.reflect.Field;

/** The server's own statements, read from its SQL holders, so the benchmarks run exactly what it runs. */
final class ServerSql {
  private ServerSql() {}

  /** A statement constant, with Vert.x placeholders ({@code $1}) turned into JDBC's ({@code ?}). */
  static String read(String holder, String field) {
    try {
      Field f = Class.forName(holder).getDeclaredField(field);
      f.setAccessible(true);
      return ((String) f.get(null)).replaceAll("\\$\\d+", "?");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the server has no " + holder + "." + field + "; update the benchmark", e);
    }
  }

  /** The fast path's binary COPY, into {@code table} instead of {@code event}. */
  static String fastPathCopyInto(String table) {
    String sql = read("org.borderpulse.ingest.IngestSql", "COPY_EVENTS");
    if (!sql.startsWith("COPY event (")) {
      throw new IllegalStateException("the server's COPY no longer starts with 'COPY event ('; update the benchmark");
    }
    return "COPY " + table + sql.substring("COPY event".length());
  }
}
