package org.borderpulse.cli;

import io.vertx.core.Vertx;
import java.net.URI;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.borderpulse.sim.Simulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code borderpulse demo}: the server on its embedded database plus a simulated network of
 * posts that talks to it through the public API with real post tokens.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the server with a simulated network of ASEAN border posts sending live data.",
        "A fresh demo first sends history (from 2019-01-01 by default) so quarterly charts have shape.",
        "Staged incidents (a fraud burst, a silent post, documents on the demo alert list) raise alerts:",
        "GET /api/v1/alerts, live alert frames, and the webhooks of rules in config/alerts.yaml."})
public final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Mixin
  ServerOptions options;

  @Mixin
  SimulationOptions sim;

  @Option(names = "--backfill-from", paramLabel = "DATE", defaultValue = "2019-01-01",
      description = "first day of history (YYYY-MM-DD; default 2019-01-01)")
  String backfillFrom;

  @Option(names = "--no-backfill", description = "no history, live events only")
  boolean noBackfill;

  @Override
  public Integer call() throws Exception {
    sim.check();
    LocalDate from = noBackfill ? null : SimulationOptions.parseDay(backfillFrom);
    Settings settings = options.resolve(System.getenv());
    Vertx vertx = Vertx.vertx();
    BorderPulseServer server = ServeCommand.start(vertx, settings);
    if (server == null) {
      return 1;
    }
    var api = new org.borderpulse.client.ApiClient(URI.create("http://127.0.0.1:" + server.port()));
    var list = api.put(server.adminToken().token(), "/api/v1/alert-lists/demo", new io.vertx.core.json.JsonObject()
        .put("hashes", new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(
            org.borderpulse.sim.Incidents.alertList(sim.seed)))));
    if (!list.ok()) {
      LOG.warn("The demo alert list was not uploaded: {}", org.borderpulse.client.ApiClient.describe(list));
    }
    Simulator simulator;
    try {
      simulator = Simulator.start(new Simulator.Options(URI.create("http://127.0.0.1:" + server.port()),
          server.adminToken().token(), settings.dataDir(), settings.referenceFile(Setting.POSTS_FILE), sim.seed,
          sim.rate, from, sim.historyPerDay, !sim.noIncidents));
    } catch (Exception e) {
      LOG.error("The simulator could not start: {}", e.getMessage());
      server.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return 1;
    }
    ServeCommand.printBanner(server);
    var link = new org.borderpulse.client.ApiClient(URI.create("http://127.0.0.1:" + server.port()))
        .post(server.adminToken().token(), "/api/v1/signin-codes");
    if (link.ok()) {
      LOG.info("Sign in to the web app (one click, valid {} min): http://localhost:{}{}",
          link.json().getInteger("expiresIn") / 60, server.port(), link.json().getString("url"));
    }
    LOG.info("Simulating {}", simulator.describe());
    if (simulator.historyDaysTotal() > 0) {
      LOG.info("History: sending {} post-days from {} (newest first) while live data flows", simulator.historyDaysTotal(), from);
    } else if (from != null) {
      LOG.info("History: already sent by an earlier run");
    }
    if (!sim.noIncidents) {
      LOG.info("Incidents: {}", simulator.describeIncidents());
    }
    LOG.info("Demo alert list 'demo' uploaded ({} document hashes, also in {}); alerts: GET /api/v1/alerts",
        org.borderpulse.sim.Incidents.ALERT_LIST_SIZE, settings.dataDir().resolve("sim/alert-list.txt"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        simulator.close();
        server.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture()
            .get(settings.integer(Setting.SHUTDOWN_GRACE) + 30L, TimeUnit.SECONDS);
        LOG.info("Demo stopped cleanly");
      } catch (Exception e) {
        LOG.warn("Demo did not stop cleanly: {}", e.toString());
      }
      stopped.countDown();
    }, "demo-shutdown"));
    stopped.await();
    return 0;
  }
}
