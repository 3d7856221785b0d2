package org.borderpulse.alert.notify;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.borderpulse.alert.AlertBus;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the notification outbox: webhooks (signed JSON POST) and e-mail (SMTP, when
 * configured). The first notification written starts a short group wait; everything due by
 * then goes out in one pass (e-mails to one address as one message). A 2xx ends a webhook's
 * retries; failures retry with exponential backoff and jitter. At least once: a receiver
 * dedupes on the notification id.
 */
public final class DeliveryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryVerticle.class);
  private static final int LEASE_SECONDS = 60;
  private static final int BATCH = 100;
  private static final double MAX_BACKOFF_SECONDS = 600;

  private final Pool pool;
  private final Settings settings;
  private final long groupWaitMs;
  private final long retryBaseMs;
  private final int maxAttempts;
  private final String publicUrl;
  private String secret;
  private WebClient http;
  private MailClient mail;
  private String from;
  private boolean scheduled;
  private boolean running;
  /** A pass asked for while one runs: the smallest minimum age asked, or NaN for none. */
  private double again = Double.NaN;
  private long wakeTimer = -1;

  public DeliveryVerticle(Pool pool, Settings settings) {
    this.pool = pool;
    this.settings = settings;
    this.groupWaitMs = settings.integer(Setting.ALERTS_GROUP_WAIT_MS);
    this.retryBaseMs = settings.integer(Setting.ALERTS_RETRY_BASE_MS);
    this.maxAttempts = settings.integer(Setting.ALERTS_MAX_ATTEMPTS);
    this.publicUrl = settings.get(Setting.ALERTS_PUBLIC_URL).replaceAll("/+$", "");
  }

  @Override
  public Future<?> start() {
    http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setIdleTimeout(30)
        .setUserAgent("BorderPulse-Alerts").setFollowRedirects(false));
    settings.optional(Setting.ALERTS_SMTP_HOST).ifPresent(host -> {
      MailConfig cfg = new MailConfig().setHostname(host).setPort(settings.integer(Setting.ALERTS_SMTP_PORT))
          .setStarttls(StartTLSOptions.valueOf(settings.get(Setting.ALERTS_SMTP_STARTTLS).trim().toUpperCase()))
          .setKeepAlive(false);
      settings.optional(Setting.ALERTS_SMTP_USERNAME).ifPresentOrElse(u -> cfg.setUsername(u)
          .setPassword(settings.get(Setting.ALERTS_SMTP_PASSWORD)).setLogin(LoginOption.REQUIRED),
          () -> cfg.setLogin(LoginOption.DISABLED));
      mail = MailClient.createShared(vertx, cfg, "borderpulse-alerts");
    });
    from = settings.get(Setting.ALERTS_SMTP_FROM);
    MessageConsumer<Object> nudges = vertx.eventBus().consumer(AlertBus.OUTBOX, m -> soon());
    return vertx.executeBlocking(() -> Signature.resolveSecret(settings))
        .compose(s -> {
          secret = s;
          return nudges.completion();
        })
        .onSuccess(x -> {
          vertx.setPeriodic(Math.max(1000, retryBaseMs), t -> deliver(straggler()));
          deliver(0); // left over from before a restart
        });
  }

  @Override
  public Future<?> stop() {
    return http == null ? Future.succeededFuture() : Future.succeededFuture().andThen(x -> http.close());
  }

  /** A notification was written: wait the group wait, then send everything due together. */
  private void soon() {
    LOG.debug("Notifications written; a pass within {} ms", groupWaitMs);
    if (scheduled) {
      return;
    }
    scheduled = true;
    vertx.setTimer(Math.max(1, groupWaitMs), t -> {
      scheduled = false;
      deliver(0);
    });
  }

  private record Claimed(String id, String channel, String target, String payload, int attempts) {}

  /**
   * Passes that were not started by a group wait take new notifications only when no group
   * wait will (one missed its nudge): a while after the group wait.
   */
  private double straggler() {
    return groupWaitMs / 1000.0 + 5;
  }

  /** One pass: retries that are due, and new notifications at least {@code minAgeSeconds} old. */
  private void deliver(double minAgeSeconds) {
    if (running) {
      again = Double.isNaN(again) ? minAgeSeconds : Math.min(again, minAgeSeconds);
      return;
    }
    running = true;
    pool.preparedQuery(NotifySql.CLAIM).execute(Tuple.of((double) LEASE_SECONDS, BATCH, minAgeSeconds))
        .compose(rs -> {
      List<Claimed> claimed = new ArrayList<>();
      for (Row r : rs) {
        claimed.add(new Claimed(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getInteger(4)));
      }
      List<Future<?>> sends = new ArrayList<>();
      Map<String, List<Claimed>> mails = new LinkedHashMap<>();
      for (Claimed c : claimed) {
        if (c.channel().equals("webhook")) {
          sends.add(webhook(c));
        } else {
          mails.computeIfAbsent(c.target(), k -> new ArrayList<>()).add(c);
        }
      }
      mails.forEach((to, group) -> sends.add(email(to, group)));
      return Future.join(sends).map(claimed.size());
    }).onComplete(x -> {
      running = false;
      if (x.failed()) {
        LOG.warn("Notification delivery pass failed: {}", x.cause().toString());
      }
      if (!Double.isNaN(again) || (x.succeeded() && x.result() == BATCH)) {
        double next = Double.isNaN(again) ? minAgeSeconds : Math.min(again, minAgeSeconds);
        again = Double.NaN;
        deliver(next);
      } else {
        wakeForNextRetry();
      }
    });
  }

  /** Retries sooner than the periodic pass (short backoffs) wake the verticle up on time. */
  private void wakeForNextRetry() {
    pool.query(NotifySql.NEXT_DUE).execute().onSuccess(rs -> {
      Number secs = (Number) rs.iterator().next().getValue(0);
      if (secs == null) {
        return;
      }
      long ms = Math.max(1, (long) (secs.doubleValue() * 1000) + 5);
      if (ms < Math.max(1000, retryBaseMs)) {
        if (wakeTimer >= 0) {
          vertx.cancelTimer(wakeTimer);
        }
        wakeTimer = vertx.setTimer(ms, t -> {
          wakeTimer = -1;
          deliver(straggler());
        });
      }
    });
  }

  private Future<?> webhook(Claimed c) {
    return http.postAbs(c.target()).timeout(10_000)
        .putHeader("Content-Type", "application/json")
        .putHeader(Signature.HEADER, Signature.sign(secret, c.payload()))
        .putHeader("X-BorderPulse-Notification", c.id())
        .sendBuffer(Buffer.buffer(c.payload()))
        .<Object>compose(r -> r.statusCode() / 100 == 2 ? delivered(c).mapEmpty()
            : failed(c, "HTTP " + r.statusCode()).mapEmpty())
        .recover(e -> failed(c, e.toString()).mapEmpty());
  }

  private Future<?> email(String to, List<Claimed> group) {
    if (mail == null) {
      LOG.warn("Alert e-mail to {} not sent: no SMTP server configured (alerts.smtp.host)", to);
      return Future.join(group.stream().map(c -> gaveUp(c, "no SMTP server configured (alerts.smtp.host)"))
          .toList());
    }
    List<JsonObject> alerts = group.stream().map(c -> new JsonObject(c.payload())).toList();
    StringBuilder text = new StringBuilder();
    for (JsonObject n : alerts) {
      JsonObject a = n.getJsonObject("alert");
      text.append(n.getString("state").toUpperCase()).append(" [").append(a.getString("severity")).append("] ")
          .append(a.getString("rule")).append(' ').append(a.getJsonObject("group").encode()).append('\n')
          .append("  ").append(a.getString("explanation")).append('\n')
          .append("  since ").append(a.getString("since")).append('\n')
          .append("  ").append(publicUrl).append(a.getString("link")).append('\n')
          .append("  notification ").append(n.getString("id")).append("\n\n");
    }
    JsonObject first = alerts.get(0);
    String subject = "[BorderPulse] " + (alerts.size() == 1 ? first.getString("state") + ": "
        + first.getJsonObject("alert").getString("rule") + " " + first.getJsonObject("alert").getJsonObject("group")
        .encode() : alerts.size() + " alert notifications");
    MailMessage m = new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text.toString());
    return mail.sendMail(m)
        .compose(r -> Future.join(group.stream().map(this::delivered).toList()))
        .recover(e -> Future.join(group.stream().map(c -> failed(c, e.toString())).toList()));
  }

  private Future<?> delivered(Claimed c) {
    return pool.preparedQuery(NotifySql.DELIVERED).execute(Tuple.of(c.id(), c.channel(), c.target()));
  }

  private Future<?> failed(Claimed c, String error) {
    boolean giveUp = c.attempts() >= maxAttempts;
    double base = retryBaseMs / 1000.0 * Math.pow(2, Math.min(30, c.attempts() - 1));
    double delay = Math.min(MAX_BACKOFF_SECONDS, base) * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble());
    if (giveUp) {
      LOG.warn("Notification {} to {} given up after {} attempts: {}", c.id(), c.target(), c.attempts(), error);
    } else {
      LOG.info("Notification {} to {} failed (attempt {}): {}; retry in {} ms", c.id(), c.target(), c.attempts(),
          error, Math.round(delay * 1000));
    }
    return pool.preparedQuery(NotifySql.FAILED).execute(Tuple.of(c.id(), c.channel(), c.target(), delay,
        error.length() > 500 ? error.substring(0, 500) : error, giveUp));
  }

  private Future<?> gaveUp(Claimed c, String error) {
    return pool.preparedQuery(NotifySql.FAILED).execute(Tuple.of(c.id(), c.channel(), c.target(), 0.0, error, true));
  }
}
