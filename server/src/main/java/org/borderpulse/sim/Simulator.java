package org.borderpulse.sim;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.client.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network of simulated posts driving a BorderPulse server over its public HTTP API, exactly
 * as real posts do: registered through the admin API, each with its own post token, spooling
 * to disk and forwarding with retries. Optionally sends history first.
 */
public final class Simulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  /** After a longer stop the posts resume from now: the simulated posts were off meanwhile. */
  static final Duration MAX_CATCH_UP = Duration.ofMinutes(10);

  /** What to simulate and against which server. */
  public record Options(URI server, String adminToken, Path dataDir, Path postsFile, long seed, double rate,
      LocalDate backfillFrom, double historyPerDay, boolean incidents) {}

  private final Options options;
  private final List<SimPost> posts;
  private final Generator generator;
  private final Map<String, Spool> spools = new HashMap<>();
  private final Map<String, Map<String, List<SimEvent>>> hours = new HashMap<>();
  private final List<PostLink> links = new ArrayList<>();
  private final ExecutorService linkThreads;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "sim-ticker"));
  private final ExecutorService backfillThreads = Executors.newFixedThreadPool(3, r -> thread(r, "sim-backfill"));
  private final AtomicLong liveSent = new AtomicLong();
  private final AtomicLong historySent = new AtomicLong();
  private final AtomicLong historyDays = new AtomicLong();
  private final long historyDaysTotal;
  private volatile boolean stopping;

  private Simulator(Options options, List<SimPost> posts, SimState state) {
    this.options = options;
    this.posts = posts;
    SimParams params = new SimParams(options.seed(), state.liveStart(), options.backfillFrom(),
        options.historyPerDay(), options.rate(), options.incidents());
    this.generator = new Generator(params, posts);
    ApiClient client = new ApiClient(options.server());
    TokenBook tokens = new TokenBook(options.dataDir().resolve("sim"), client, options.adminToken());
    Backfill backfill = options.backfillFrom() == null ? null : new Backfill(generator, state, client, tokens::get,
        options.backfillFrom(), historySent, historyDays);
    this.historyDaysTotal = backfill == null ? 0 : posts.stream().mapToLong(backfill::remainingDays).sum();
    this.linkThreads = Executors.newFixedThreadPool(posts.size(), r -> thread(r, "sim-link"));
    for (SimPost p : posts) {
      Spool spool = new Spool(options.dataDir().resolve("spool").resolve(p.id()));
      spools.put(p.id(), spool);
      PostLink link = new PostLink(p.id(), spool, client, () -> tokens.get(p.id()), () -> tokens.forget(p.id()),
          generator.incidents(), liveSent);
      links.add(link);
    }
    if (backfill != null && historyDaysTotal > 0) {
      for (SimPost p : posts) {
        backfillThreads.submit(() -> {
          try {
            backfill.run(p, () -> stopping);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
      }
    }
    backfillThreads.shutdown();
    state.liveBegun();
  }

  /** Registers the posts, then starts the live stream (and the backfill, when asked and not done yet). */
  public static Simulator start(Options options) throws Exception {
    List<SimPost> posts = ReferenceFiles.posts(options.postsFile()).stream().map(SimPost::of).toList();
    if (posts.isEmpty()) {
      throw new IllegalArgumentException("no posts in " + options.postsFile());
    }
    ApiClient client = new ApiClient(options.server());
    for (SimPost p : posts) {
      ApiClient.Answer a = client.put(options.adminToken(), "/api/v1/posts/" + p.id(), p.post().toJson());
      if (!a.ok()) {
        throw new IllegalStateException("cannot register post " + p.id() + " at " + options.server() + ": "
            + ApiClient.describe(a));
      }
    }
    Path simDir = options.dataDir().resolve("sim");
    SimState state = SimState.load(simDir, options.seed(), Instant.now());
    Files.writeString(simDir.resolve("alert-list.txt"), String.join("\n", Incidents.alertList(options.seed())) + "\n");
    Simulator sim = new Simulator(options, posts, state);
    sim.links.forEach(sim.linkThreads::submit);
    sim.ticker.scheduleWithFixedDelay(sim::tickSafely, 0, 1, TimeUnit.SECONDS);
    sim.ticker.scheduleWithFixedDelay(sim::report, 10, 10, TimeUnit.SECONDS);
    return sim;
  }

  public String describe() {
    long countries = posts.stream().map(p -> p.post().country()).distinct().count();
    Map<String, Long> kinds = new java.util.TreeMap<>();
    posts.forEach(p -> kinds.merge(p.post().kind(), 1L, Long::sum));
    return posts.size() + " posts in " + countries + " countries " + kinds + ", "
        + posts.stream().mapToInt(p -> p.post().workstations().size()).sum() + " workstations; live "
        + options.rate() + " events/s, seed " + options.seed();
  }

  public String describeIncidents() {
    return generator.incidents().describe();
  }

  public long historyDaysTotal() {
    return historyDaysTotal;
  }

  public long liveSent() {
    return liveSent.get();
  }

  public long historySent() {
    return historySent.get();
  }

  public boolean backfillDone() {
    return backfillThreads.isTerminated();
  }

  private void tickSafely() {
    try {
      tick(Instant.now());
    } catch (RuntimeException e) {
      LOG.error("Simulator tick failed: {}", e.toString(), e);
    }
  }

  /** Releases every event whose time has come into its post's spool. */
  void tick(Instant now) {
    for (SimPost p : posts) {
      Spool spool = spools.get(p.id());
      Instant cursor = spool.cursor();
      if (cursor == null) {
        cursor = generator.liveDay(p).atStartOfDay(p.post().timeZone()).toInstant();
      } else if (cursor.isBefore(now.minus(MAX_CATCH_UP))) {
        LOG.info("{}: simulator was off since {}; resuming from {}", p.id(), cursor, now.minus(MAX_CATCH_UP));
        cursor = now.minus(MAX_CATCH_UP);
      }
      List<JsonObject> released = new ArrayList<>();
      ZonedDateTime h = cursor.atZone(p.post().timeZone()).minusHours(1).withMinute(0).withSecond(0).withNano(0);
      while (h.toInstant().isBefore(now)) {
        for (SimEvent e : hour(p, h.toLocalDate(), h.getHour())) {
          if (!e.releaseAt().isBefore(cursor) && e.releaseAt().isBefore(now)) {
            released.add(e.json());
          }
        }
        h = h.plusHours(1);
      }
      spool.append(released);
      spool.cursor(now);
    }
  }

  /** The hour's events, generated once: a tick looks at the previous and the current hour. */
  private List<SimEvent> hour(SimPost p, LocalDate day, int hour) {
    Map<String, List<SimEvent>> recent = hours.computeIfAbsent(p.id(), k -> new java.util.LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<SimEvent>> eldest) {
        return size() > 3;
      }
    });
    return recent.computeIfAbsent(day + "T" + hour, k -> generator.hour(p, day, hour));
  }

  private void report() {
    int spooled = spools.values().stream().mapToInt(Spool::pendingSegments).sum();
    String history = historyDaysTotal == 0 ? "" : backfillDone()
        ? String.format("; history sent: %,d events", historySent.get())
        : String.format("; history: %,d of %,d post-days, %,d events", historyDays.get(), historyDaysTotal,
            historySent.get());
    LOG.info(String.format("Simulator: %,d live events sent, %d segments spooled%s", liveSent.get(), spooled, history));
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    ticker.shutdownNow();
    links.forEach(PostLink::stop);
    linkThreads.shutdownNow();
    backfillThreads.shutdownNow();
    linkThreads.awaitTermination(10, TimeUnit.SECONDS);
    backfillThreads.awaitTermination(10, TimeUnit.SECONDS);
    ticker.awaitTermination(5, TimeUnit.SECONDS);
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
