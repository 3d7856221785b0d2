package org.borderpulse.live;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.support.LiveClient;
import org.borderpulse.support.TestPostgres;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;

class LiveIdleTest {
  @Test
  void theServerPingsAndClosesASilentConnectionButNotOneThatAnswers() throws Exception {
    Vertx vertx = Vertx.vertx();
    BorderPulseServer server = TestServer.start(vertx, TestServer.settings(TestPostgres.freshDatabaseUrl())
        .with(Setting.LIVE_PING_SECONDS, "1").with(Setting.LIVE_IDLE_SECONDS, "2"));
    try (LiveClient silent = await(LiveClient.connect(vertx, LiveClient.options(server.port(), ADMIN_TOKEN)));
         LiveClient polite = await(LiveClient.connect(vertx, LiveClient.options(server.port(), ADMIN_TOKEN)))) {
      polite.socket().textMessageHandler(t -> {
        if ("ping".equals(new JsonObject(t).getString("type"))) {
          polite.send(new JsonObject().put("type", "pong"));
        }
      });
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (silent.closeStatus() == null && System.nanoTime() < deadline) {
        await(vertx.timer(100));
      }
      assertEquals((short) 4000, silent.closeStatus(), "a connection silent for idleSeconds is closed with 4000");
      assertNull(polite.closeStatus(), "a client answering pings stays connected");
    } finally {
      await(server.stop());
      await(vertx.close());
    }
  }
}
