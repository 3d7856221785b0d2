package org.borderpulse.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema up to date with Flyway. Blocking: run it on a worker thread. */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static MigrateResult migrate(Database db) {
    Flyway flyway = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .connectRetries(3)
        .load();
    MigrateResult result = flyway.migrate();
    LOG.info("Schema at version {} ({} migration(s) applied)", result.targetSchemaVersion == null
        ? result.initialSchemaVersion : result.targetSchemaVersion, result.migrationsExecuted);
    return result;
  }
}
