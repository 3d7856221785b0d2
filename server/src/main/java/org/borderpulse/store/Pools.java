package org.borderpulse.store;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The one database pool of a node, bounded in size and in waiting requests. */
public final class Pools {
  private Pools() {}

  public static Pool create(Vertx vertx, Database db, int size, int waitQueue) {
    return PgBuilder.pool()
        .with(new PoolOptions()
            .setMaxSize(size)
            .setMaxWaitQueueSize(waitQueue)
            .setConnectionTimeout(5)
            .setIdleTimeout(60)
            .setName("borderpulse"))
        .with(new NetClientOptions().setConnectTimeout(3000).setTcpKeepAlive(true))
        .connectingTo(db.connectOptions()
            .setCachePreparedStatements(true)
            .setPreparedStatementCacheMaxSize(64))
        .using(vertx)
        .build();
  }
}
