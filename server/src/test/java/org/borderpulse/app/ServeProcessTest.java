package org.borderpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.vertx.core.json.JsonObject;
import org.borderpulse.support.Events;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real command in its own process, on its own embedded database: SIGTERM stops it cleanly,
 * and a restart on the same data directory keeps every acknowledged event.
 */
class ServeProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    processes.forEach(Process::destroyForcibly);
  }

  /** A started server process, its port and the file it logs to. */
  private record Node(Process process, int port, Path log) {}

  private Node serve(Path data) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = Files.createTempFile("bp-serve", ".log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", cp, "org.borderpulse.cli.Main", "serve", "--port", "0", "--host", "127.0.0.1",
        "--data", data.toString(), "--config", TestServer.CONFIG_DIR.resolve("borderpulse.yaml").toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BORDERPULSE_"));
    Process p = pb.start();
    processes.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        return new Node(p, Integer.parseInt(m.group(1)), log);
      }
      if (!p.isAlive()) {
        break;
      }
      p.waitFor(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("server did not start:\n" + Files.readString(log));
  }

  private HttpResponse<String> send(int port, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String stop(Node node) throws Exception {
    node.process().destroy(); // SIGTERM
    assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "server did not stop within 60 s of SIGTERM");
    return Files.readString(node.log());
  }

  @Test
  void sigtermStopsCleanlyAndRestartKeepsEveryAcknowledgedEvent() throws Exception {
    Path data = Files.createTempDirectory("bp-serve");
    Node first = serve(data);
    Path tokenFile = data.resolve("admin-token");
    assertTrue(Files.exists(tokenFile), "a first start makes an admin token");
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(tokenFile));
    String admin = Files.readString(tokenFile).trim();

    String batch = Events.batch("kept", 2000).encode();
    HttpResponse<String> r = send(first.port(), admin, batch);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(2000, new JsonObject(r.body()).getInteger("accepted"));

    String log = stop(first);
    assertTrue(log.contains("Stopped cleanly"), log);
    assertFalse(Files.exists(data.resolve("pg/postmaster.pid")), "the embedded PostgreSQL must be stopped");

    Node second = serve(data);
    assertEquals(admin, Files.readString(tokenFile).trim(), "the admin token survives restarts");
    HttpResponse<String> again = send(second.port(), admin, batch);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 2000), new JsonObject(again.body()));
    stop(second);
  }
}
