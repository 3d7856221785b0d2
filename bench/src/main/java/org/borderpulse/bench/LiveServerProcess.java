package org.borderpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server under test in a JVM of its own ({@code borderpulse serve}, as shipped: embedded durable
 * PostgreSQL in {@code <data>/pg}), so that its heap can be measured apart from the clients' and each
 * process gets its own open-files limit. A shutdown hook stops it (SIGTERM, then SIGKILL), stops an
 * orphaned postmaster if one is left, and removes the data folder, whatever way this JVM exits.
 */
final class LiveServerProcess {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final Process process;
  private final Path data;
  private final Path log;
  private final int port;
  private final List<String> command;
  private volatile boolean stopped;

  private LiveServerProcess(Process process, Path data, Path log, int port, List<String> command) {
    this.process = process;
    this.data = data;
    this.log = log;
    this.port = port;
    this.command = command;
  }

  /**
   * Starts {@code org.borderpulse.cli.Main serve} with this JVM's classpath and waits (up to 3 minutes)
   * for its "listening on" line.
   */
  static LiveServerProcess start(String heap, Map<String, String> settings) throws Exception {
    Path data = Files.createTempDirectory("borderpulse-live-bench-");
    Path log = data.resolve("server.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.borderpulse.cli.Main");
    cmd.addAll(List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data", data.resolve("node").toString(),
        "--config", Path.of("config", "borderpulse.yaml").toAbsolutePath().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BORDERPULSE_"));
    pb.environment().putAll(settings);
    Process p = pb.start();
    Holder holder = new Holder();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LiveServerProcess s = holder.server;
      if (s != null) {
        s.stop();
      } else {
        kill(p, data);
      }
    }, "live-bench-server-stop"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = LISTENING.matcher(text);
      if (m.find()) {
        List<String> shown = new ArrayList<>(cmd);
        shown.set(3, "<this JVM's classpath>");
        holder.server = new LiveServerProcess(p, data, log, Integer.parseInt(m.group(1)), shown);
        return holder.server;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("the server exited with status " + p.exitValue() + ":\n" + tail(text));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not report its port within 3 minutes:\n"
        + tail(Files.readString(log)));
  }

  private static final class Holder {
    volatile LiveServerProcess server;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  List<String> command() {
    return command;
  }

  /** The embedded PostgreSQL's postmaster, -1 until it has written its pid file. */
  long postmasterPid() {
    String first = LiveMachine.readFirstLine(data.resolve("node").resolve("pg").resolve("postmaster.pid"));
    try {
      return Long.parseLong(first);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  String logTail() {
    try {
      return tail(Files.readString(log));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Used heap in KiB after two full collections ({@code jcmd PID GC.run}, then {@code GC.heap_info}):
   * what is live, not what is waiting to be collected.
   */
  long heapUsedAfterGcKb() throws Exception {
    jcmd("GC.run");
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("unexpected GC.heap_info output:\n" + info);
    }
    return Long.parseLong(m.group(1));
  }

  private String jcmd(String what) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process j = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid()), what)
        .redirectErrorStream(true).start();
    byte[] out = j.getInputStream().readAllBytes();
    if (!j.waitFor(60, TimeUnit.SECONDS)) {
      j.destroyForcibly();
      throw new IllegalStateException("jcmd " + what + " did not finish in 60 s");
    }
    if (j.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + what + " failed: " + new String(out));
    }
    return new String(out);
  }

  /** SIGTERM (the server stops its PostgreSQL), SIGKILL after 60 s, then the data folder goes. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    kill(process, data);
  }

  private static void kill(Process p, Path data) {
    long postmaster = -1;
    try {
      postmaster = Long.parseLong(LiveMachine.readFirstLine(data.resolve("node").resolve("pg")
          .resolve("postmaster.pid")));
    } catch (NumberFormatException e) {
      // not started
    }
    try {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        System.err.println("server did not stop within 60 s of SIGTERM; killing it");
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    // A killed server leaves its postmaster running: stop the one this run started (after giving
    // a cleanly stopping one a few seconds to exit: pg_ctl returns as its pid file goes).
    ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive).filter(pg -> {
      try {
        pg.onExit().get(10, TimeUnit.SECONDS);
        return false;
      } catch (Exception e) {
        return pg.isAlive();
      }
    }).ifPresent(pg -> {
      System.err.println("stopping the embedded PostgreSQL the server left running (pid " + pg.pid() + "); "
          + "the server's log ended with:");
      try {
        System.err.println(tail(Files.readString(data.resolve("server.log"))));
      } catch (IOException e) {
        System.err.println("(no log)");
      }
      pg.destroy();
      try {
        pg.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        pg.destroyForcibly();
      }
    });
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + data + ": " + e.getMessage());
    }
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 30), lines.length));
  }
}
