package org.borderpulse.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code borderpulse} command running in its own JVM, logging to a file the test can read. */
public final class CommandProcess implements AutoCloseable {
  /** The server's start-up line; its group is the port. */
  public static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private final Process process;
  private final Path log;

  private CommandProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static CommandProcess start(String... args) throws IOException {
    return start(java.util.Map.of(), args);
  }

  /** As {@link #start(String...)}, with these environment variables (other BORDERPULSE_ ones are removed). */
  public static CommandProcess start(java.util.Map<String, String> env, String... args) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = Files.createTempFile("bp-command", ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", cp, "org.borderpulse.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BORDERPULSE_"));
    pb.environment().putAll(env);
    return new CommandProcess(pb.start(), log);
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  /** Waits until the log matches {@code pattern}; returns its first group (or the whole match). */
  public String await(Pattern pattern, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(log());
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        break;
      }
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("no '" + pattern + "' within " + seconds + " s; the log:\n" + log());
  }

  /** SIGTERM, then waits for the exit; returns the log. */
  public String stop() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("did not stop within 60 s of SIGTERM:\n" + log());
    }
    return log();
  }

  /** SIGKILL to this JVM only (a crash): whatever it started on its own keeps running. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
