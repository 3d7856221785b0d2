package org.borderpulse.support;

import io.vertx.core.Vertx;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Settings;

/** A test's node: its Vert.x, the server on a fresh database, and an HTTP client for it. */
public final class RunningServer implements AutoCloseable {
  public final Vertx vertx;
  public final BorderPulseServer server;
  public final Api api;

  private RunningServer(Vertx vertx, BorderPulseServer server) {
    this.vertx = vertx;
    this.server = server;
    this.api = new Api(vertx, server);
  }

  /** A node on a fresh database of the shared test PostgreSQL. */
  public static RunningServer start() {
    return start(TestServer.settings(TestPostgres.freshDatabaseUrl()));
  }

  public static RunningServer start(Settings settings) {
    Vertx vertx = Vertx.vertx();
    return new RunningServer(vertx, TestServer.start(vertx, settings));
  }

  /** A node whose alert evaluator runs on {@code alertClock}. */
  public static RunningServer start(Settings settings, java.time.Clock alertClock) {
    Vertx vertx = Vertx.vertx();
    return new RunningServer(vertx, TestServer.await(BorderPulseServer.start(vertx, settings, alertClock)));
  }

  @Override
  public void close() {
    TestServer.await(server.stop());
    TestServer.await(vertx.close());
  }
}
