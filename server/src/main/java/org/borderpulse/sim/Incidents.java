package org.borderpulse.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Incidents staged on purpose after the live start, for alerts and wall displays: a fraud
 * burst at one post, a post whose link goes down for a while (it keeps spooling), and a run of
 * documents that match the demo alert list.
 */
public final class Incidents {
  public static final Duration BURST_START = Duration.ofMinutes(3);
  public static final Duration BURST_LENGTH = Duration.ofMinutes(20);
  public static final Duration SILENCE_START = Duration.ofMinutes(25);
  public static final Duration SILENCE_LENGTH = Duration.ofMinutes(20);
  public static final Duration ALERT_LIST_START = Duration.ofMinutes(8);
  public static final Duration ALERT_LIST_LENGTH = Duration.ofMinutes(4);
  public static final int ALERT_LIST_SIZE = 20;

  private final SimParams params;
  private final String burstPost;
  private final String silentPost;
  private final String alertListPost;

  Incidents(SimParams params, List<SimPost> posts) {
    this.params = params;
    this.burstPost = pick(posts, "land", 0);
    this.silentPost = pick(posts, "land", 1);
    this.alertListPost = pick(posts, "air", 0);
  }

  private static String pick(List<SimPost> posts, String kind, int nth) {
    List<SimPost> ofKind = posts.stream().filter(p -> p.post().kind().equals(kind)).toList();
    List<SimPost> from = ofKind.size() > nth ? ofKind : posts;
    return from.isEmpty() ? "" : from.get(Math.min(nth, from.size() - 1)).id();
  }

  private boolean within(Instant t, Duration start, Duration length) {
    Instant from = params.liveStart().plus(start);
    return params.incidents() && !t.isBefore(from) && t.isBefore(from.plus(length));
  }

  /** How much likelier fraud is at this post and time (8× during the burst). */
  double fraudBoost(String post, Instant t) {
    return post.equals(burstPost) && within(t, BURST_START, BURST_LENGTH) ? 8 : 1;
  }

  /** Is this post's link down at {@code t}? Its events are spooled and forwarded later. */
  public boolean linkDown(String post, Instant t) {
    return post.equals(silentPost) && within(t, SILENCE_START, SILENCE_LENGTH);
  }

  boolean alertListRun(String post, Instant t) {
    return post.equals(alertListPost) && within(t, ALERT_LIST_START, ALERT_LIST_LENGTH);
  }

  /** A document hash from the demo alert list. */
  String alertListHash(int i) {
    return alertList(params.seed()).get(Math.floorMod(i, ALERT_LIST_SIZE));
  }

  /** The demo alert list: keyed hashes (HMAC-SHA256) as a post would make them. */
  public static List<String> alertList(long seed) {
    List<String> out = new ArrayList<>();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(("borderpulse-demo-" + seed).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      for (int i = 0; i < ALERT_LIST_SIZE; i++) {
        out.add(HexFormat.of().formatHex(mac.doFinal(("listed-document-" + i).getBytes(StandardCharsets.UTF_8))));
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  public String describe() {
    return String.format("fraud burst at %s (+%d min for %d min), link down at %s (+%d min for %d min), "
            + "alert-list documents at %s (+%d min)", burstPost, BURST_START.toMinutes(), BURST_LENGTH.toMinutes(),
        silentPost, SILENCE_START.toMinutes(), SILENCE_LENGTH.toMinutes(), alertListPost,
        ALERT_LIST_START.toMinutes());
  }
}
