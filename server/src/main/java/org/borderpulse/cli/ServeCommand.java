package org.borderpulse.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code borderpulse serve}: runs a node until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the BorderPulse server (embedded PostgreSQL unless a database URL is given).")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin
  ServerOptions options;

  @Override
  public Integer call() throws Exception {
    Settings settings = options.resolve(System.getenv());
    Vertx vertx = Vertx.vertx();
    BorderPulseServer server = start(vertx, settings);
    if (server == null) {
      return 1;
    }
    printBanner(server);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping: no new requests, finishing in-flight batches");
      try {
        server.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture()
            .get(settings.integer(Setting.SHUTDOWN_GRACE) + 30L, TimeUnit.SECONDS);
        LOG.info("Stopped cleanly");
      } catch (Exception e) {
        LOG.warn("Stop did not finish cleanly: {}", e.toString());
      }
      stopped.countDown();
    }, "borderpulse-shutdown"));
    stopped.await();
    return 0;
  }

  static BorderPulseServer start(Vertx vertx, Settings settings) throws InterruptedException {
    try {
      return BorderPulseServer.start(vertx, settings).toCompletionStage().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      LOG.error("BorderPulse could not start: {}", cause.getMessage(), cause instanceof org.borderpulse.config.ConfigException ? null : cause);
      vertx.close();
      return null;
    }
  }

  static void printBanner(BorderPulseServer server) {
    String host = server.settings().get(Setting.HOST);
    String shown = "0.0.0.0".equals(host) ? "localhost" : host;
    LOG.info("BorderPulse is listening on http://{}:{}", shown, server.port());
    LOG.info("Admin token: {}", server.adminToken().where());
    LOG.info("API contract: http://{}:{}/api/v1/openapi.yaml", shown, server.port());
  }
}
