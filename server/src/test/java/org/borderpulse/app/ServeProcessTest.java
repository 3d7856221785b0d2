package org.borderpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.borderpulse.support.CommandProcess;
import org.borderpulse.support.Events;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The real command in its own process, on its own embedded database: SIGTERM stops it cleanly,
 * and a restart on the same data directory keeps every acknowledged event.
 */
class ServeProcessTest {
  private final HttpClient http = HttpClient.newHttpClient();

  static CommandProcess serve(Path data, String command, String... extra) throws Exception {
    String[] base = {command, "--port", "0", "--host", "127.0.0.1", "--data", data.toString(), "--config",
        TestServer.CONFIG_DIR.resolve("borderpulse.yaml").toString()};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
        .toArray(String[]::new);
    return CommandProcess.start(args);
  }

  private HttpResponse<String> send(int port, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sigtermStopsCleanlyAndRestartKeepsEveryAcknowledgedEvent() throws Exception {
    Path data = Files.createTempDirectory("bp-serve");
    String batch = Events.batch("kept", 2000).encode();
    String admin;
    try (CommandProcess first = serve(data, "serve")) {
      int port = Integer.parseInt(first.await(CommandProcess.LISTENING, 120));
      Path tokenFile = data.resolve("admin-token");
      assertTrue(Files.exists(tokenFile), "a first start makes an admin token");
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(tokenFile));
      admin = Files.readString(tokenFile).trim();
      HttpResponse<String> r = send(port, admin, batch);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(2000, new JsonObject(r.body()).getInteger("accepted"));
      String log = first.stop();
      assertTrue(log.contains("Stopped cleanly"), log);
      assertFalse(Files.exists(data.resolve("pg/postmaster.pid")), "the embedded PostgreSQL must be stopped");
    }
    try (CommandProcess second = serve(data, "serve")) {
      int port = Integer.parseInt(second.await(CommandProcess.LISTENING, 120));
      assertEquals(admin, Files.readString(data.resolve("admin-token")).trim(), "the admin token survives restarts");
      HttpResponse<String> again = send(port, admin, batch);
      assertEquals(200, again.statusCode(), again.body());
      assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 2000), new JsonObject(again.body()));
      second.stop();
    }
  }
}
