package org.borderpulse.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.borderpulse.sim.Simulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code borderpulse simulate}: drives any server over HTTP as a network of posts. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Drive a BorderPulse server over HTTP as a network of simulated posts: register them, get their",
        "tokens, send history if asked, then stream live events through an on-disk spool per post."})
public final class SimulateCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SimulateCommand.class);

  @Option(names = "--server", required = true, paramLabel = "URL", description = "e.g. http://localhost:8080")
  URI server;

  @Option(names = "--admin-token", required = true, paramLabel = "TOKEN",
      description = "the server's admin token (env BORDERPULSE_ADMIN_TOKEN works too)",
      defaultValue = "${env:BORDERPULSE_ADMIN_TOKEN}")
  String adminToken;

  @Option(names = "--posts", paramLabel = "FILE", defaultValue = "config/posts.yaml",
      description = "the posts to simulate (default config/posts.yaml)")
  Path posts;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
      description = "where spools (<data>/spool/<post>) and simulator state (<data>/sim) live (default ./data)")
  Path data;

  @Option(names = "--backfill-from", paramLabel = "DATE", description = "send history from this day (YYYY-MM-DD) first")
  String backfillFrom;

  @Mixin
  SimulationOptions sim;

  @Override
  public Integer call() throws Exception {
    sim.check();
    Simulator simulator = Simulator.start(new Simulator.Options(server, adminToken, data, posts, sim.seed, sim.rate,
        backfillFrom == null ? null : SimulationOptions.parseDay(backfillFrom), sim.historyPerDay, !sim.noIncidents));
    LOG.info("Simulating {} against {}", simulator.describe(), server);
    if (!sim.noIncidents) {
      LOG.info("Incidents: {}", simulator.describeIncidents());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        simulator.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.info("Simulator stopped; unsent events stay in {}/spool and go out on the next start", data);
      stopped.countDown();
    }, "simulate-shutdown"));
    stopped.await();
    return 0;
  }
}
