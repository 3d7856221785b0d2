package org.borderpulse.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;

/**
 * One BorderPulse server for a benchmark, on loopback only, with its data in a temporary folder
 * that is removed at exit. Its database is a durable embedded PostgreSQL the benchmark starts
 * (fsync and synchronous_commit on) or, with --as-shipped, the server's own embedded one. The
 * JVM's shutdown hook stops both, so every exit path (end, failure, watchdog, Ctrl-C) cleans up.
 */
final class BenchServer {
  private final Vertx vertx;
  private final BorderPulseServer server;
  private final String token;
  private final Path pgData;

  private BenchServer(Vertx vertx, BorderPulseServer server, String token, Path pgData) {
    this.vertx = vertx;
    this.server = server;
    this.token = token;
    this.pgData = pgData;
  }

  static BenchServer start(BenchOptions options) throws Exception {
    Path data = Files.createTempDirectory("borderpulse-bench-");
    String token = "bench-" + UUID.randomUUID();
    Settings settings = Settings.defaults(options.configDir())
        .with(Setting.HOST, "127.0.0.1")
        .with(Setting.PORT, "0")
        .with(Setting.DATA, data.toString())
        .with(Setting.ADMIN_TOKEN, token);
    DurablePostgres durable = null;
    Path pgData = data.resolve("pg");
    if (options.asShipped()) {
      System.out.println("DB:      the server's own embedded PostgreSQL, as shipped");
    } else {
      durable = DurablePostgres.start(data.resolve("durable-pg"));
      pgData = durable.dataDir();
      settings = settings.with(Setting.DATABASE_URL, durable.url());
      System.out.println("DB:      embedded PostgreSQL started by the benchmark with fsync and synchronous_commit on");
    }
    Vertx vertx = Vertx.vertx();
    BorderPulseServer server = await(BorderPulseServer.start(vertx, settings), 3);
    DurablePostgres db = durable;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(vertx, server, db, data), "bench-cleanup"));
    watchdog(options.maxMinutes());
    return new BenchServer(vertx, server, token, pgData);
  }

  BorderPulseServer server() {
    return server;
  }

  Vertx vertx() {
    return vertx;
  }

  String token() {
    return token;
  }

  /** Waits until the server's rollup writer has folded every acknowledged batch into rollup_day. */
  void flushRollups() {
    try {
      Object written = await(vertx.eventBus().request(org.borderpulse.rollup.RollupWriter.FLUSH, null), 1).body();
      if (Integer.valueOf(-1).equals(written)) {
        throw new IllegalStateException("the rollup writer failed to write");
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("could not flush the rollups: " + e.getMessage(), e);
    }
  }

  /** PostgreSQL's data directory, for {@link CpuSample#postmasterPid}. */
  Path pgData() {
    return pgData;
  }

  static <T> T await(Future<T> f, int minutes) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(minutes, TimeUnit.MINUTES);
  }

  /** Runs a benchmark body and exits the JVM: 0 when it succeeded, 1 when it threw. */
  static void runAndExit(BenchOptions options, Body body) {
    int status = 0;
    try {
      body.run(start(options));
    } catch (Exception e) {
      System.err.println("Benchmark failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status); // the shutdown hook stops the server and its database and removes the data
  }

  /** What a benchmark does with its server. */
  interface Body {
    void run(BenchServer server) throws Exception;
  }

  /** Ends a run that hangs (shutdown hooks still clean up). */
  static void watchdog(int minutes) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.MINUTES.toMillis(minutes));
        System.err.println("Benchmark aborted: still running after " + minutes + " minutes (--max-minutes)");
        System.exit(3);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-watchdog");
    t.setDaemon(true);
    t.start();
  }

  private static void shutDown(Vertx vertx, BorderPulseServer server, DurablePostgres durable, Path data) {
    try {
      await(server.stop().eventually(vertx::close), 1);
      if (durable != null) {
        durable.close();
      }
    } catch (Exception e) {
      System.err.println("Stopping the server: " + e);
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not remove " + data + ": " + e.getMessage());
    }
  }
}
