package org.borderpulse.auth;

import static org.borderpulse.support.LiveClient.frame;
import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.borderpulse.support.LiveClient;
import org.borderpulse.support.OneNodeTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web app's sign-in: a token or a one-click link gives an HttpOnly cookie the API and the WebSocket accept. */
class SessionApiTest extends OneNodeTest {
  private WebClient web;

  @BeforeAll
  void prepare() {
    web = WebClient.create(node.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(node.server.port()).setFollowRedirects(false));
  }

  private String signIn(String token) {
    HttpResponse<Buffer> r = await(web.post("/api/v1/session").sendJsonObject(new JsonObject().put("token", token)));
    assertEquals(204, r.statusCode(), r.bodyAsString());
    return sessionCookie(r);
  }

  private static String sessionCookie(HttpResponse<Buffer> r) {
    String set = r.cookies().stream().filter(c -> c.startsWith("bp_session=")).findFirst().orElse(null);
    assertNotNull(set, "a bp_session cookie is set");
    assertTrue(set.toLowerCase().contains("httponly") && set.contains("SameSite=Strict"), set);
    return set.substring("bp_session=".length(), set.indexOf(';'));
  }

  private int getWithCookie(String path, String session) {
    return await(web.get(path).putHeader("Cookie", "bp_session=" + session).send()).statusCode();
  }

  @Test
  void aTokenSignsInAndTheCookieOpensTheApiUntilSignOut() {
    String session = signIn(ADMIN_TOKEN);
    assertEquals(200, getWithCookie("/api/v1/summary", session));
    assertEquals(200, getWithCookie("/api/v1/dashboards", session));
    assertEquals(204, await(web.delete("/api/v1/session").putHeader("Cookie", "bp_session=" + session).send())
        .statusCode());
    assertEquals(401, getWithCookie("/api/v1/summary", session));
  }

  @Test
  void badTokensAndPostTokensCannotSignIn() {
    assertEquals(401, await(web.post("/api/v1/session").sendJsonObject(new JsonObject().put("token", "bpa_nope")))
        .statusCode());
    assertEquals(403, await(web.post("/api/v1/session")
        .sendJsonObject(new JsonObject().put("token", node.api.postToken("THA-BKK")))).statusCode());
    assertEquals(400, await(web.post("/api/v1/session").sendJsonObject(new JsonObject())).statusCode());
  }

  @Test
  void aOneClickLinkSignsInOnceAndGoesToTheStartPage() {
    HttpResponse<Buffer> code = await(node.api.post(ADMIN_TOKEN, "/api/v1/signin-codes"));
    assertEquals(201, code.statusCode());
    String url = code.bodyAsJsonObject().getString("url");
    HttpResponse<Buffer> r = await(web.get(url).send());
    assertEquals(302, r.statusCode());
    assertEquals("/", r.getHeader("Location"));
    assertEquals(200, getWithCookie("/api/v1/summary", sessionCookie(r)));
    assertEquals(401, await(web.get(url).send()).statusCode(), "a sign-in link works once");
  }

  @Test
  void theWebSocketHandshakeAcceptsTheSessionCookie() throws Exception {
    String session = signIn(ADMIN_TOKEN);
    try (LiveClient c = await(LiveClient.connect(node.vertx, LiveClient.options(node.server.port(), null)
        .addHeader("Cookie", "bp_session=" + session)))) {
      c.subscribe("s", new JsonObject().put("kind", "summary").put("period", "2024"));
      c.next(frame("snapshot", "s"), 10);
    }
  }
}
