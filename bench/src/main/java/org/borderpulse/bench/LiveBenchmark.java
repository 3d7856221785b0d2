package org.borderpulse.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live push (issue 5), on one node over loopback:
 * <ol>
 *   <li><b>latency</b>: commit → WebSocket update, p50/p99 over every (client, probe) pair, with N
 *       clients subscribed to one post's summary while background batches arrive at a fixed rate;</li>
 *   <li><b>ramp</b>: how many clients one node holds with one update per second each while p99
 *       delivery stays under a limit;</li>
 *   <li><b>heap</b>: the server's used heap after full GCs per connected and subscribed client
 *       (measured at every ramp step; and with permessage-deflate, as browsers connect).</li>
 * </ol>
 * The server runs as shipped ({@code borderpulse serve}, durable embedded PostgreSQL) in a JVM of its
 * own; clients and load generator run in this one. Usage:
 * {@code BENCH_MAIN=org.borderpulse.bench.LiveBenchmark bench/run [--help]}.
 */
public final class LiveBenchmark {
  private static final String TOKEN = "bench";

  static final String USAGE = """
      Usage: LiveBenchmark [--name=value ...]
        --clients=N              clients in the latency phase (default 1000)
        --rate=N                 background events/s in the latency phase (default 5000)
        --batch=N                events per background batch (default 250)
        --senders=N              concurrent background senders (default 4)
        --probe-ms=N             one probe every N ms in the latency phase (default 300)
        --warmup-seconds=N       latency phase: load before measuring (default 10)
        --seconds=N              latency phase: measured seconds (default 60)
        --ramp=A,B,...           ramp steps, total clients (default 1000,2000,5000,10000,15000,20000)
        --step-probes=N          probes (one per second) per ramp step (default 15)
        --p99-limit-ms=N         a ramp step passes while p99 stays under this (default 1000)
        --deflate-clients=N      clients with permessage-deflate (as browsers) for heap/RSS per client; 0 skips
                                 (default 2000)
        --interval-ms=N          the server's live.intervalMs (default 250, as shipped)
        --http-instances=N       the server's http.instances (default 2, as shipped)
        --server-heap=SIZE       the server JVM's -Xmx (default 1g, as the borderpulse launcher)
        --probe-post=ID          the post only probes write to (default VNM-HPH)
        --probe-workstation=ID   (default VNM-HPH-P01)
        --connect-concurrency=N  handshakes in flight while connecting (default 200)
        --phases=LIST            latency,ramp,deflate (default all)
        --idle-load=X            wait until the 1-minute load average is below X (default 0.7)
        --wait-idle-seconds=N    ... for at most N seconds, then run anyway and say so (default 600)
        --max-minutes=N          abort after N minutes of running, not counting the wait (default 12)
      """;

  private final Map<String, String> o;
  private final LiveServerProcess server;
  private final Vertx vertx;
  private final LiveLoad load;
  private final LiveProbes probes = new LiveProbes(20_000);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int interval;
  private final String subscribe;
  private final List<String> summary = new ArrayList<>();

  private LiveBenchmark(Map<String, String> o, LiveServerProcess server, Vertx vertx) {
    this.o = o;
    this.server = server;
    this.vertx = vertx;
    this.load = new LiveLoad(server.port(), TOKEN);
    this.interval = integer("interval-ms");
    this.subscribe = "{\"type\":\"subscribe\",\"id\":\"s1\",\"query\":{\"kind\":\"summary\",\"period\":\"2025-Q2\","
        + "\"post\":\"" + o.get("probe-post") + "\"}}";
  }

  /** The server, for its log when the run fails. */
  private static volatile LiveServerProcess started;

  public static void main(String[] args) {
    int status = 0;
    try {
      Map<String, String> o = options(args);
      if (o == null) {
        return;
      }
      machine(o);
      String quiet = LiveMachine.waitUntilQuiet(Double.parseDouble(o.get("idle-load")),
          Integer.parseInt(o.get("wait-idle-seconds")));
      System.out.println("Before:  " + quiet);
      BenchServer.watchdog(Integer.parseInt(o.get("max-minutes")));
      int most = Math.max(Integer.parseInt(o.get("clients")), Arrays.stream(o.get("ramp").split(","))
          .mapToInt(s -> Integer.parseInt(s.trim())).max().orElse(0));
      Map<String, String> env = new LinkedHashMap<>();
      env.put("BORDERPULSE_ADMIN_TOKEN", TOKEN);
      env.put("BORDERPULSE_LIVE_MAX_CONNECTIONS_PER_TOKEN", Integer.toString(Math.max(20_000, most + 1000)));
      env.put("BORDERPULSE_LIVE_INTERVAL_MS", o.get("interval-ms"));
      env.put("BORDERPULSE_HTTP_INSTANCES", o.get("http-instances"));
      long t0 = System.nanoTime();
      LiveServerProcess server = LiveServerProcess.start(o.get("server-heap"), env);
      started = server;
      System.out.printf(Locale.ROOT, "Server:  pid %d, port %d, started in %.1f s: %s%n", server.pid(), server.port(),
          (System.nanoTime() - t0) / 1e9, String.join(" ", server.command()));
      System.out.println("         env " + env);
      System.out.printf("Files:   open-files limit (ulimit -n) %d for this JVM, %d for the server; each client is one "
          + "socket in each process%n", LiveMachine.openFilesLimit("self"),
          LiveMachine.openFilesLimit(Long.toString(server.pid())));
      Vertx vertx = Vertx.vertx();
      new LiveBenchmark(o, server, vertx).run(quiet);
    } catch (Exception e) {
      System.err.println("Benchmark failed: " + e);
      e.printStackTrace();
      if (started != null) {
        System.err.println("The server's log ended with:\n" + started.logTail());
      }
      status = 1;
    }
    System.exit(status); // the shutdown hook stops the server, its PostgreSQL, and removes the data
  }

  private void run(String quiet) throws Exception {
    List<String> phases = List.of(o.get("phases").split(","));
    probes.base(baseCount());
    long t0 = System.nanoTime();
    if (phases.contains("latency")) {
      latency();
      took("latency", t0);
    }
    long t1 = System.nanoTime();
    if (phases.contains("ramp")) {
      ramp();
      took("ramp", t1);
    }
    long t2 = System.nanoTime();
    if (phases.contains("deflate") && integer("deflate-clients") > 0) {
      deflate();
      took("deflate", t2);
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "== Summary (%s; measurements took %.0f s after the server started; load average now "
        + "%s; before the run: %s)%n", ZonedDateTime.now().toLocalDate(), (System.nanoTime() - t0) / 1e9,
        LiveMachine.loadAverageText(), quiet);
    summary.forEach(System.out::println);
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Latency at a background ingest rate

  private void latency() throws Exception {
    int n = integer("clients");
    System.out.printf("%n== 1. Ingest -> WebSocket latency: %,d clients on one query (summary of %s), background "
        + "%,d events/s (%d-event batches from %d senders, post THA-BKK), one probe every %d ms%n", n,
        o.get("probe-post"), integer("rate"), integer("batch"), integer("senders"), integer("probe-ms"));
    LiveClients clients = new LiveClients(vertx, server.port(), TOKEN, subscribe, probes, false);
    long t0 = System.nanoTime();
    int failed = clients.growTo(n, integer("connect-concurrency"), 180);
    System.out.printf(Locale.ROOT, "Connected and subscribed %,d clients in %.1f s (%d failed%s)%n", n - failed,
        (System.nanoTime() - t0) / 1e9, failed, failed > 0 ? ": " + clients.firstFailure() : "");
    if (failed > 0) {
      summary.add("1. latency: NOT measured, " + failed + " clients failed to connect: " + clients.firstFailure());
      clients.closeAll(30);
      return;
    }
    JsonObject before = liveStats();
    LiveLoad.Background bg = load.new Background(integer("rate"), integer("batch"), integer("senders"));
    LiveLoad.Prober prober = load.new Prober(probes, o.get("probe-post"), o.get("probe-workstation"),
        integer("probe-ms"), "warmup", n, 0);
    Thread.sleep(integer("warmup-seconds") * 1000L);
    prober.phase("latency");
    bg.drainPostTimes();
    prober.drainPostTimes();
    long events0 = bg.events.get();
    long behind0 = bg.behind.get();
    LiveMachine.Cpu cpu0 = LiveMachine.Cpu.now(server.pid(), server.postmasterPid());
    long m0 = System.nanoTime();
    Thread.sleep(integer("seconds") * 1000L);
    prober.join(true);
    long events1 = bg.events.get();
    long m1 = System.nanoTime();
    LiveMachine.Cpu cpu1 = LiveMachine.Cpu.now(server.pid(), server.postmasterPid());
    long[] batchTimes = bg.drainPostTimes();
    long[] probeTimes = prober.drainPostTimes();
    long behind = bg.behind.get() - behind0;
    bg.stop();
    Thread.sleep(interval + 3000L); // the last probes' updates
    JsonObject after = liveStats();
    LiveProbes.Result r = LiveProbes.result(probes.of("latency"));
    double rate = (events1 - events0) / ((m1 - m0) / 1e9);
    System.out.printf(Locale.ROOT, "Achieved background ingest: %,.0f events/s over %.0f s (target %,d); batch POST %s;"
        + " %d batches started late by more than a period; failures %d%s%n", rate, (m1 - m0) / 1e9, integer("rate"),
        LiveLoad.percentiles(batchTimes), behind, bg.failures.get(),
        bg.firstFailure.get() == null ? "" : " (" + bg.firstFailure.get() + ")");
    System.out.printf("Probe POST (1 event, durable commit): %s%n", LiveLoad.percentiles(probeTimes));
    if (prober.failure.get() != null) {
      System.out.println("Prober stopped: " + prober.failure.get());
    }
    System.out.println("CPU during the measurement: " + cpu1.since(cpu0));
    printLatency(r, n);
    System.out.printf("Server live stats: framesSent +%,d, framesReplaced +%,d, pendingFrames %d; clients: %,d updates"
        + " (%,d bytes each on average), %d errors, %d unexpected closes%n",
        after.getLong("framesSent") - before.getLong("framesSent"),
        after.getLong("framesReplaced") - before.getLong("framesReplaced"), after.getInteger("pendingFrames"),
        clients.updates.get(), clients.updateChars.get() / Math.max(1, clients.updates.get()), clients.errors.get(),
        clients.unexpectedCloses.get());
    double beyond = r.p(0.99) - interval;
    summary.add(String.format(Locale.ROOT, "1. latency, %,d clients, %,.0f events/s achieved (target %,d): commit -> "
            + "update p50 %s ms, p99 %s ms; beyond the %d ms interval p50 %s ms, p99 %s ms (target p99 <= 50 ms: %s);"
            + " %d of %,d pairs lost", n, rate, integer("rate"), LiveProbes.Result.fmt(r.p(0.5)),
        LiveProbes.Result.fmt(r.p(0.99)), interval, LiveProbes.Result.fmt(r.p(0.5) - interval),
        LiveProbes.Result.fmt(beyond), beyond <= 50 && rate >= 0.97 * integer("rate") ? "met"
            : beyond <= 50 ? "met, but the ingest rate fell short" : "NOT met", r.missing(), r.pairs()));
    clients.closeAll(60);
    clients.shutdown();
  }

  private void printLatency(LiveProbes.Result r, int clients) {
    System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s %9s%n", "(ms, " + r.probes() + " probes x " + clients
        + " clients = " + r.pairs() + " pairs)", "p50", "p90", "p99", "p99.9", "max");
    row("commit (200 returned) -> update received", r.fromCommit(), 0);
    row("  the same, beyond the live interval", r.fromCommit(), interval);
    row("POST sent -> update received", r.fromSend(), 0);
    row("commit -> first client's update (per probe)", r.firstDelivery(), 0);
    row("fan-out: first client's -> this client's", r.spread(), 0);
    System.out.printf("Lost (never received within the run): %d of %,d pairs; min commit -> update %.1f ms "
        + "(below 0: the update overtook the HTTP response)%n", r.missing(), r.pairs(),
        r.fromCommit().length == 0 ? Double.NaN : r.fromCommit()[0] / 1e6);
  }

  private static void row(String label, long[] sorted, int minus) {
    StringBuilder sb = new StringBuilder(String.format("%-44s", label));
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999, 1.0}) {
      sb.append(String.format("%10s", LiveProbes.Result.fmt(LiveProbes.Result.ms(sorted, q) - minus)));
    }
    System.out.println(sb);
  }

  // ---------------------------------------------------------------------------------------------
  // 2 + 3. Clients per node at one update per second, and heap per client

  private void ramp() throws Exception {
    int limit = integer("p99-limit-ms");
    System.out.printf("%n== 2. Clients per node: one probe (= one update per client) per second, %d per step; a step "
        + "passes while p99 < %d ms and every client connects%n", integer("step-probes"), limit);
    System.out.println("== 3. Server heap per client: used heap after two full GCs (jcmd GC.run; GC.heap_info) minus "
        + "the same with no client, divided by the clients");
    waitForNoConnections();
    long heap0 = server.heapUsedAfterGcKb();
    long rss0 = LiveMachine.rssKb(server.pid());
    System.out.printf("Baseline, no client: server heap used %,d KiB, RSS %,d KiB, open files %d%n", heap0, rss0,
        LiveMachine.openFiles(Long.toString(server.pid())));
    LiveClients clients = new LiveClients(vertx, server.port(), TOKEN, subscribe, probes, false);
    String head = "%8s %8s %8s %8s %8s %8s %6s %10s %11s %11s %5s  %s%n";
    System.out.printf(head, "clients", "connect", "p50 ms", "p99 ms", "max ms", "fan-out", "lost", "POST p99",
        "heap/client", "RSS/client", "pass", "CPU during the probes");
    int best = 0;
    long bestHeapPerClient = -1;
    String stopReason = "all steps passed";
    for (String step : o.get("ramp").split(",")) {
      int want = Integer.parseInt(step.trim());
      int have = clients.size();
      long room = Math.min(LiveMachine.openFilesLimit("self") - LiveMachine.openFiles("self"),
          LiveMachine.openFilesLimit(Long.toString(server.pid())) - LiveMachine.openFiles(Long.toString(server.pid())))
          - 200;
      int target = (int) Math.min(want, have + Math.max(0, room));
      boolean capped = target < want;
      if (target <= have) {
        stopReason = String.format("step %,d not run: the open-files limit leaves no room for more clients", want);
        break;
      }
      long c0 = System.nanoTime();
      int failed = clients.growTo(target, integer("connect-concurrency"), 240);
      double connectSecs = (System.nanoTime() - c0) / 1e9;
      if (failed > 0) {
        System.out.printf(head, String.format("%,d", target), String.format(Locale.ROOT, "%.1fs", connectSecs), "-",
            "-", "-", "-", "-", "-", "-", "-", "NO", failed + " failed to connect: " + clients.firstFailure());
        stopReason = String.format("step %,d: %d clients failed to connect (%s)", target, failed, clients.firstFailure());
        break;
      }
      Thread.sleep(2000);
      String phase = "ramp-" + target;
      LiveMachine.Cpu cpu0 = LiveMachine.Cpu.now(server.pid(), server.postmasterPid());
      LiveLoad.Prober prober = load.new Prober(probes, o.get("probe-post"), o.get("probe-workstation"), 1000, phase,
          target, integer("step-probes"));
      prober.join(false);
      LiveMachine.Cpu cpu1 = LiveMachine.Cpu.now(server.pid(), server.postmasterPid());
      long[] postTimes = prober.drainPostTimes();
      Thread.sleep(interval + 3000L);
      if (prober.failure.get() != null) {
        throw new IllegalStateException(prober.failure.get());
      }
      LiveProbes.Result r = LiveProbes.result(probes.of(phase));
      long heap = server.heapUsedAfterGcKb();
      long rss = LiveMachine.rssKb(server.pid());
      double heapPer = (heap - heap0) * 1024.0 / target;
      double rssPer = (rss - rss0) * 1024.0 / target;
      boolean pass = r.p(0.99) < limit && clients.unexpectedCloses.get() == 0;
      System.out.printf(head, String.format("%,d", target), String.format(Locale.ROOT, "%.1fs", connectSecs),
          LiveProbes.Result.fmt(r.p(0.5)), LiveProbes.Result.fmt(r.p(0.99)), LiveProbes.Result.fmt(r.p(1.0)),
          LiveProbes.Result.fmt(LiveProbes.Result.ms(r.spread(), 0.99)), r.missing(),
          LiveProbes.Result.fmt(LiveProbes.Result.ms(postTimes, 0.99)) + " ms", String.format(Locale.ROOT, "%.1f KiB", heapPer / 1024), String.format(Locale.ROOT, "%.1f KiB", rssPer / 1024),
          pass ? "yes" : "NO", cpu1.since(cpu0));
      if (!pass) {
        stopReason = String.format(Locale.ROOT, "step %,d failed: p99 %s ms, %d lost, %d unexpected closes", target,
            LiveProbes.Result.fmt(r.p(0.99)), r.missing(), clients.unexpectedCloses.get());
        break;
      }
      best = target;
      bestHeapPerClient = Math.round(heapPer);
      if (capped) {
        stopReason = String.format("stopped at %,d instead of %,d: the open-files limit (ulimit -n %d) of one of the "
            + "two processes", target, want, LiveMachine.openFilesLimit("self"));
        break;
      }
    }
    JsonObject stats = liveStats();
    System.out.printf("Ramp ended: %s. Server live stats: %s; clients: %,d updates, %d pings answered, %d errors%n",
        stopReason, stats.encode(), clients.updates.get(), clients.pings.get(), clients.errors.get());
    System.out.println("(fan-out = p99 of a client's receive time minus the first client's for the same probe; "
        + "POST p99 = the probes' own POST round trip, delayed while the event loops write updates; RSS/client "
        + "includes heap pages the JVM newly touched and Netty's direct buffers: an indication only)");
    summary.add(String.format("2. clients per node at 1 update/s with p99 < %d ms: %,d (target 10,000: %s); %s", limit,
        best, best >= 10_000 ? "met" : "NOT met", stopReason));
    summary.add(bestHeapPerClient < 0 ? "3. heap per client: not measured (no step passed)"
        : String.format(Locale.ROOT, "3. server heap per connected+subscribed client at %,d clients: %.1f KiB "
            + "(target <= 20 KB: %s)", best, bestHeapPerClient / 1024.0, bestHeapPerClient <= 20_000 ? "met" : "NOT met"));
    clients.closeAll(120);
    clients.shutdown();
  }

  /** Heap and RSS per client when clients negotiate permessage-deflate, as browsers do. */
  private void deflate() throws Exception {
    int n = integer("deflate-clients");
    System.out.printf("%n== 3b. %,d clients with permessage-deflate (browsers offer it; the server accepts it)%n", n);
    waitForNoConnections();
    long heap0 = server.heapUsedAfterGcKb();
    long rss0 = LiveMachine.rssKb(server.pid());
    LiveClients clients = new LiveClients(vertx, server.port(), TOKEN, subscribe, probes, true);
    int failed = clients.growTo(n, integer("connect-concurrency"), 180);
    if (failed > 0) {
      summary.add("3b. deflate: " + failed + " clients failed to connect: " + clients.firstFailure());
      clients.closeAll(60);
      return;
    }
    System.out.println("Negotiated: Sec-WebSocket-Extensions: " + clients.extensions());
    Thread.sleep(1000);
    LiveLoad.Prober prober = load.new Prober(probes, o.get("probe-post"), o.get("probe-workstation"), 1000, "deflate",
        n, 10);
    prober.join(false);
    Thread.sleep(interval + 3000L);
    LiveProbes.Result r = LiveProbes.result(probes.of("deflate"));
    long heap = server.heapUsedAfterGcKb();
    long rss = LiveMachine.rssKb(server.pid());
    double heapPer = (heap - heap0) / (double) n;
    double rssPer = (rss - rss0) / (double) n;
    System.out.printf(Locale.ROOT, "Heap per client %.1f KiB, RSS growth per client %.1f KiB; 10 probes: p50 %s ms, "
        + "p99 %s ms, %d lost%n", heapPer, rssPer, LiveProbes.Result.fmt(r.p(0.5)), LiveProbes.Result.fmt(r.p(0.99)),
        r.missing());
    summary.add(String.format(Locale.ROOT, "3b. %,d clients with permessage-deflate (negotiated: %s): heap %.1f KiB and "
        + "RSS growth %.1f KiB per client; 1 update/s p50 %s ms, p99 %s ms", n, clients.extensions(), heapPer, rssPer,
        LiveProbes.Result.fmt(r.p(0.5)), LiveProbes.Result.fmt(r.p(0.99))));
    clients.closeAll(60);
    clients.shutdown();
  }

  // ---------------------------------------------------------------------------------------------

  private static void took(String phase, long t0) {
    System.out.printf(Locale.ROOT, "(%s phase: %.0f s)%n", phase, (System.nanoTime() - t0) / 1e9);
  }

  private void waitForNoConnections() throws Exception {
    for (int i = 0; i < 60 && liveStats().getInteger("connections") > 0; i++) {
      Thread.sleep(500);
    }
  }

  private long baseCount() throws Exception {
    JsonObject s = get("/api/v1/summary?period=2025-Q2&post=" + o.get("probe-post"));
    return s.getJsonObject("metrics").getJsonObject("scanned_documents").getLong("value");
  }

  private JsonObject liveStats() throws Exception {
    return get("/api/v1/live/stats");
  }

  private JsonObject get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  private int integer(String name) {
    return Integer.parseInt(o.get(name).replace("_", ""));
  }

  private static void machine(Map<String, String> o) {
    Runtime rt = Runtime.getRuntime();
    System.out.printf("Machine: %d cores (%s), %,d MB RAM, %s %s, load average %s%n", rt.availableProcessors(),
        LiveMachine.cpuModel(), LiveMachine.memTotalMb(), System.getProperty("os.name"),
        System.getProperty("os.version"), LiveMachine.loadAverageText());
    System.out.printf("Clients: this JVM, %s %s, max heap %d MB, args %s%n", System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), rt.maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.println("Options: " + o);
  }

  /** Defaults overlaid with {@code --name=value}; null after --help. */
  static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("clients", "1000");
    m.put("rate", "5000");
    m.put("batch", "250");
    m.put("senders", "4");
    m.put("probe-ms", "300");
    m.put("warmup-seconds", "10");
    m.put("seconds", "60");
    m.put("ramp", "1000,2000,5000,10000,15000,20000");
    m.put("step-probes", "15");
    m.put("p99-limit-ms", "1000");
    m.put("deflate-clients", "2000");
    m.put("interval-ms", "250");
    m.put("http-instances", "2");
    m.put("server-heap", "1g");
    m.put("probe-post", "VNM-HPH");
    m.put("probe-workstation", "VNM-HPH-P01");
    m.put("connect-concurrency", "200");
    m.put("phases", "latency,ramp,deflate");
    m.put("idle-load", "0.7");
    m.put("wait-idle-seconds", "600");
    m.put("max-minutes", "12");
    Map<String, String> given = new HashMap<>();
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(USAGE);
        return null;
      }
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0 || !m.containsKey(a.substring(2, eq))) {
        throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
      given.put(a.substring(2, eq), a.substring(eq + 1));
    }
    m.putAll(given);
    return m;
  }
}
