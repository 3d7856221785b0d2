package org.borderpulse.store;

import io.vertx.pgclient.PgConnectOptions;

/** Where the PostgreSQL server is, and how to stop it if this process started it. */
public interface Database extends AutoCloseable {

  /** Connection options for the Vert.x PG client. */
  PgConnectOptions connectOptions();

  /** JDBC URL: Flyway, the rollup load and the ingest COPY connections. */
  String jdbcUrl();

  String user();

  String password();

  /** One line for the log: which database, without secrets. */
  String describe();

  /** Stops an embedded server; nothing for an external one. */
  @Override
  void close();
}
