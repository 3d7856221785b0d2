package org.borderpulse.alert;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.borderpulse.config.Setting;
import org.borderpulse.support.AlertNode;
import org.borderpulse.support.LiveClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks through the outbox (retries, signatures, exactly one success per id), restarts, ack, silences, e-mail, live frames. */
class AlertNotificationTest {
  static final Instant T0 = AlertEvaluationTest.T0;
  private Vertx receiverVertx;
  private HttpServer receiver;
  /** Every POST the receiver got: the notification body and whether its signature was valid. */
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private int port;
  private int seq;

  /** A real local webhook receiver: fails the first two attempts of each notification, then answers 204. */
  @BeforeEach
  void startReceiver() {
    receiverVertx = Vertx.vertx();
    receiver = receiverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String text = body.toString(StandardCharsets.UTF_8);
      JsonObject n = new JsonObject(text);
      boolean valid = ("sha256=" + hmac(AlertNode.SECRET, text)).equals(req.getHeader("X-BorderPulse-Signature"));
      received.add(n.copy().put("validSignature", valid));
      if (attempts.computeIfAbsent(n.getString("id"), k -> new AtomicInteger()).incrementAndGet() <= 2) {
        req.response().setStatusCode(503).end();
      } else {
        delivered.add(n.getString("id"));
        req.response().setStatusCode(204).end();
      }
    }));
    port = await(receiver.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stopReceiver() {
    await(receiverVertx.close());
  }

  static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String rules(String extra) {
    return """
        rules:
          - {id: burst, name: Burst, kind: threshold, severity: critical, metric: fraudulent_documents, window: 1h,
             op: ">", value: 2, groupBy: post, notify: {webhooks: ["http://127.0.0.1:%d/hook"]%s}}
          - {id: slow, name: Slow, kind: threshold, severity: warning, metric: imposters, window: 1h,
             op: ">", value: 2, groupBy: post, for: 20m, notify: {webhooks: ["http://127.0.0.1:%d/hook"]}}
        """.formatted(port, extra, port);
  }

  private JsonObject[] frauds(String post, String outcome, int n, Instant at) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JsonObject e = new JsonObject().put("id", "n-" + (++seq)).put("type", "document_check").put("post", post)
          .put("occurredAt", at.plusSeconds(i).atOffset(ZoneOffset.UTC).toString()).put("outcome", outcome)
          .put("documentType", "passport").put("workstation", post + "-P01");
      if (!"genuine".equals(outcome)) {
        e.put("fraudType", "imposter".equals(outcome) ? "lookalike" : "counterfeit");
      }
      out.add(e);
    }
    return out.toArray(JsonObject[]::new);
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aWebhookThatFailsTwiceGetsEachTransitionOnceWithAValidSignature() throws Exception {
    try (AlertNode n = new AlertNode(T0, rules(""))) {
      n.send(frauds("THA-BKK", "fraudulent_document", 3, T0.minusSeconds(60)));
      JsonObject firing = n.only("state=firing");
      waitFor(() -> delivered.size() == 1, "the firing notification");
      n.clock.advance(Duration.ofMinutes(61));
      n.evaluate();
      waitFor(() -> delivered.size() == 2, "the resolved notification");
      Thread.sleep(300); // room for a stray duplicate to show up

      String firingId = firing.getString("id") + ".1.firing";
      String resolvedId = firing.getString("id") + ".1.resolved";
      assertEquals(List.of(firingId, resolvedId), delivered, "each transition succeeded exactly once, in order");
      assertEquals(6, received.size(), "two failures and one success per notification: " + received);
      received.forEach(r -> assertTrue(r.getBoolean("validSignature"), r.encode()));
      JsonObject body = received.get(2);
      assertEquals(firingId, body.getString("id"));
      assertEquals("firing", body.getString("state"));
      JsonObject alert = body.getJsonObject("alert");
      assertEquals(List.of("id", "rule", "state", "severity", "group", "value", "threshold", "since", "explanation",
          "link"), new ArrayList<>(alert.fieldNames()));
      assertEquals("burst", alert.getString("rule"));
      assertEquals(3, alert.getInteger("value"));
      assertEquals("resolved", received.get(5).getJsonObject("alert").getString("state"));
      assertEquals(2, n.count("SELECT count(*) FROM alert_notification WHERE delivered_at IS NOT NULL"));
      assertEquals(6, n.count("SELECT sum(attempts) FROM alert_notification"));
    }
  }

  @Test
  void aRestartKeepsPendingAndFiringStateAndSendsNothingTwice() throws Exception {
    try (AlertNode n = new AlertNode(T0, rules(""))) {
      n.send(frauds("THA-BKK", "fraudulent_document", 3, T0.minusSeconds(60)));
      n.send(frauds("THA-DMK", "imposter", 3, T0.minusSeconds(60)));
      JsonObject firing = n.only("state=firing");
      JsonObject pending = n.only("state=pending");
      waitFor(() -> delivered.size() == 1, "the firing notification");

      n.clock.advance(Duration.ofMinutes(10));
      n.restart();
      n.evaluate();
      assertEquals(firing, n.only("state=firing"), "still firing, since unchanged");
      JsonObject stillPending = n.only("state=pending");
      assertEquals(pending.getString("since"), stillPending.getString("since"), "for keeps counting from before");

      n.clock.advance(Duration.ofMinutes(10));
      n.evaluate();
      assertEquals(2, n.alerts("state=firing").size(), "20 minutes after it became pending");
      waitFor(() -> delivered.size() == 2, "the second firing notification");
      n.restart();
      n.evaluate();
      Thread.sleep(500);
      assertEquals(List.of(firing.getString("id") + ".1.firing", pending.getString("id") + ".1.firing"), delivered);
      assertEquals(3, n.count("SELECT count(*) FROM alert_transition"));
    }
  }

  @Test
  void acknowledgedAlertsShowWhoAndSilencedOnesSendNothing() throws Exception {
    try (AlertNode n = new AlertNode(T0, rules(""))) {
      HttpResponse<Buffer> s = await(n.api().post(ADMIN_TOKEN, "/api/v1/silences", new JsonObject()
          .put("matchers", new JsonArray().add(new JsonObject().put("name", "post").put("value", "THA-DMK")))
          .put("until", Instant.now().plus(Duration.ofHours(2)).toString()).put("comment", "maintenance")));
      assertEquals(201, s.statusCode(), s.bodyAsString());
      assertEquals(1, await(n.api().get(ADMIN_TOKEN, "/api/v1/silences")).bodyAsJsonObject()
          .getJsonArray("silences").size());
      n.evaluate(); // the silence is loaded (the reload is queued before this pass)

      n.send(frauds("THA-DMK", "fraudulent_document", 3, T0.minusSeconds(60)));
      n.send(frauds("THA-BKK", "fraudulent_document", 3, T0.minusSeconds(60)));
      assertEquals(2, n.alerts("state=firing").size(), "a silenced alert still shows");
      assertEquals(1, n.count("SELECT count(*) FROM alert_notification"), "but only THA-BKK is notified");
      waitFor(() -> delivered.size() == 1, "the THA-BKK notification");
      assertTrue(delivered.get(0).startsWith("burst."));

      JsonObject bkk = n.alerts("state=firing").stream().map(JsonObject.class::cast)
          .filter(a -> a.getJsonObject("group").getString("post").equals("THA-BKK")).findFirst().orElseThrow();
      HttpResponse<Buffer> ack = await(n.api().post(ADMIN_TOKEN, "/api/v1/alerts/" + bkk.getString("id") + "/ack",
          new JsonObject().put("who", "duty officer").put("comment", "team sent")));
      assertEquals(201, ack.statusCode(), ack.bodyAsString());
      JsonObject acked = n.alerts("state=firing").stream().map(JsonObject.class::cast)
          .filter(a -> a.getString("id").equals(bkk.getString("id"))).findFirst().orElseThrow();
      assertEquals("duty officer", acked.getJsonObject("acknowledged").getString("by"));
      assertEquals("team sent", acked.getJsonObject("acknowledged").getString("comment"));
      assertEquals(404, await(n.api().post(ADMIN_TOKEN, "/api/v1/alerts/nope/ack",
          new JsonObject().put("who", "x"))).statusCode());
      assertEquals(422, await(n.api().post(ADMIN_TOKEN, "/api/v1/alerts/" + bkk.getString("id") + "/ack",
          new JsonObject().put("comment", "who is missing"))).statusCode());

      String silenceId = s.bodyAsJsonObject().getString("id");
      assertEquals(204, await(n.api().delete(ADMIN_TOKEN, "/api/v1/silences/" + silenceId)).statusCode());
      assertEquals(404, await(n.api().delete(ADMIN_TOKEN, "/api/v1/silences/" + silenceId)).statusCode());
      n.clock.advance(Duration.ofMinutes(61));
      n.evaluate();
      assertEquals(2, n.alerts("state=resolved").size());
      assertEquals(3, n.count("SELECT count(*) FROM alert_notification"), "the silence is over: resolved is sent");
      assertEquals(409, await(n.api().post(ADMIN_TOKEN, "/api/v1/alerts/" + bkk.getString("id") + "/ack",
          new JsonObject().put("who", "late"))).statusCode());
    }
  }

  @Test
  void notificationsGoOutByEmailWhenSmtpIsConfigured() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (AlertNode n = new AlertNode(T0, rules(", email: [\"duty@example.org\"]"), s -> s
        .with(Setting.ALERTS_SMTP_HOST, "127.0.0.1")
        .with(Setting.ALERTS_SMTP_PORT, String.valueOf(smtp.getSmtp().getPort()))
        .with(Setting.ALERTS_SMTP_STARTTLS, "DISABLED")
        .with(Setting.ALERTS_PUBLIC_URL, "https://bp.example")
        .with(Setting.ALERTS_GROUP_WAIT_MS, "1500"))) {
      n.send(frauds("THA-BKK", "fraudulent_document", 3, T0.minusSeconds(60)));
      n.send(frauds("THA-DMK", "fraudulent_document", 3, T0.minusSeconds(60)));
      assertTrue(smtp.waitForIncomingEmail(20_000, 1));
      Thread.sleep(300);
      MimeMessage[] mails = smtp.getReceivedMessages();
      assertEquals(1, mails.length, "two firing alerts arriving together: one grouped e-mail");
      assertEquals("duty@example.org", mails[0].getAllRecipients()[0].toString());
      String text = String.valueOf(mails[0].getContent());
      assertTrue(mails[0].getSubject().contains("2 alert notifications"), mails[0].getSubject());
      assertTrue(text.contains("THA-BKK") && text.contains("THA-DMK") && text.contains("https://bp.example/d/"), text);
      assertEquals(2, n.count("SELECT count(*) FROM alert_notification WHERE channel = 'email' "
          + "AND delivered_at IS NOT NULL"));
    } finally {
      smtp.stop();
    }
  }

  @Test
  void liveConnectionsGetAlertFrames() throws Exception {
    try (AlertNode n = new AlertNode(T0, rules(""))) {
      LiveClient live = await(LiveClient.connect(n.node.vertx, LiveClient.options(n.api().port(), ADMIN_TOKEN)));
      try {
        n.send(frauds("THA-BKK", "fraudulent_document", 3, T0.minusSeconds(60)));
        JsonObject frame = live.next(f -> "alert".equals(f.getString("type")), 10);
        JsonObject data = frame.getJsonObject("data");
        assertEquals("burst", data.getString("rule"));
        assertEquals("firing", data.getString("state"));
        assertEquals(new JsonObject().put("post", "THA-BKK"), data.getJsonObject("group"));
        assertFalse(data.containsKey("country"));
        assertNotNull(data.getString("explanation"));
      } finally {
        live.close();
      }
    }
  }
}
