package org.borderpulse.store;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.borderpulse.support.TestServer.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.support.Api;
import org.borderpulse.support.Events;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database goes away under a running server and comes back. */
class DatabaseOutageTest {
  private Vertx vertx;
  private EmbeddedPostgres pg;
  private BorderPulseServer server;

  private static EmbeddedPostgres startPg(Path dir, int port) throws Exception {
    EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
        .setServerConfig("fsync", "off");
    if (port > 0) {
      b.setPort(port);
    }
    return b.start();
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (server != null) {
      await(server.stop());
    }
    if (vertx != null) {
      await(vertx.close());
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void outageAnswers503WithRetryAfterAndServerRecoversByItself() throws Exception {
    Path dir = Files.createTempDirectory("bp-outage-pg");
    pg = startPg(dir, 0);
    int port = pg.getPort();
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, TestServer.settings("postgresql://postgres@127.0.0.1:" + port + "/postgres"));
    Api api = new Api(vertx, server);

    JsonArray before = Events.batch("before", 100);
    assertEquals(200, await(api.send(ADMIN_TOKEN, before)).statusCode());

    pg.close();
    pg = null;

    JsonArray during = Events.batch("during", 100);
    HttpResponse<Buffer> down = await(api.send(ADMIN_TOKEN, during));
    assertEquals(503, down.statusCode(), down.bodyAsString());
    assertEquals("2", down.getHeader("Retry-After"));
    assertEquals("application/problem+json", down.getHeader("Content-Type"));
    assertTrue(down.bodyAsJsonObject().getString("detail").contains("nothing from this request was stored"));
    assertEquals(503, await(api.get(null, "/ready")).statusCode());
    assertEquals(200, await(api.get(null, "/health")).statusCode(), "the process itself is alive");

    pg = startPg(dir, port);

    // The client retries as a post would; the server must recover without a restart.
    long deadline = System.nanoTime() + 30_000_000_000L;
    int status;
    do {
      status = await(api.send(ADMIN_TOKEN, during)).statusCode();
      if (status != 200) {
        await(vertx.timer(200));
      }
    } while (status != 200 && System.nanoTime() < deadline);
    assertEquals(200, status, "the server did not recover within 30 s of the database coming back");
    assertEquals(200, await(api.get(null, "/ready")).statusCode());
    assertEquals(100, count(server, "SELECT count(*) FROM event WHERE id LIKE 'before-%'"));
    assertEquals(100, count(server, "SELECT count(*) FROM event WHERE id LIKE 'during-%'"));
  }
}
