package org.borderpulse.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Command-line options of {@link IngestBenchmark}, each {@code --name value} or {@code --name=value}. */
record BenchOptions(int events, int batchSize, int concurrency, int rounds, int warmupBatches, Path configDir,
    int maxMinutes, boolean asShipped, int days) {

  static final String USAGE = """
      Usage: IngestBenchmark [options]
        --events N          events per measured round and phase (default 200000)
        --batch-size N      events per batch, one HTTP request / one COPY transaction (default 1000)
        --concurrency N     parallel senders for both phases (default 4)
        --rounds N          measured rounds, each one COPY phase and one ingest phase (default 5)
        --warmup-batches N  batches sent by each phase before measuring, not counted (default 1000: long enough
                            for the JIT compiler to settle; see docs/benchmarks.md)
        --days N            spread each round's events over the last N days of 2025 (a live post's density)
                            instead of over 2019-2025 (a history import's)
        --config DIR        folder holding posts.yaml (default: ./config or ../config)
        --max-minutes N     abort the run after this many minutes (default 10)
        --as-shipped        let the server start its own embedded PostgreSQL as it ships (zonky's defaults:
                            fsync=off, synchronous_commit=off) instead of a durable one (fsync=on,
                            synchronous_commit=on) that the benchmark starts and passes as database.url
      """;

  /** Parses, or prints the problem and the usage and exits with status 64. */
  static BenchOptions parseOrExit(String[] args) {
    try {
      return parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(64);
      return null;
    }
  }

  static BenchOptions parse(String[] args) {
    int events = 200_000, batchSize = 1000, concurrency = 4, rounds = 5, warmup = 1000, maxMinutes = 10, days = 0;
    Path config = null;
    boolean asShipped = false;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (name.equals("--help") || name.equals("-h")) {
        System.out.print(USAGE);
        System.exit(0);
        return null;
      } else if (name.equals("--as-shipped")) {
        asShipped = true;
        continue;
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
      }
      switch (name) {
        case "--events" -> events = positive(name, value);
        case "--batch-size" -> batchSize = positive(name, value);
        case "--concurrency" -> concurrency = positive(name, value);
        case "--rounds" -> rounds = positive(name, value);
        case "--warmup-batches" -> warmup = Integer.parseInt(value);
        case "--config" -> config = Path.of(value);
        case "--max-minutes" -> maxMinutes = positive(name, value);
        case "--days" -> days = positive(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    return new BenchOptions(events, batchSize, concurrency, rounds, warmup, findConfig(config), maxMinutes,
        asShipped, days);
  }

  int batches() {
    return (events + batchSize - 1) / batchSize;
  }

  private static int positive(String name, String value) {
    int n = Integer.parseInt(value.replace("_", ""));
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return n;
  }

  /** The repository's config folder, whether started from the repository root or from bench/. */
  private static Path findConfig(Path given) {
    for (Path p : given != null ? new Path[] {given} : new Path[] {Path.of("config"), Path.of("../config")}) {
      if (Files.isRegularFile(p.resolve("posts.yaml"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalArgumentException("no posts.yaml found in " + (given != null ? given : "./config or ../config")
        + "; pass --config DIR");
  }
}
