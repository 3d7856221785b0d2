package org.borderpulse.live;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;

/** The limits and timings of the live protocol. */
public record LiveSettings(int intervalMs, int maxSubscriptions, int maxFrameBytes, int maxConnectionsPerToken,
    Set<String> allowedOrigins, int pingSeconds, int idleSeconds) {

  public static LiveSettings of(Settings s) {
    return new LiveSettings(s.integer(Setting.LIVE_INTERVAL), s.integer(Setting.LIVE_MAX_SUBSCRIPTIONS),
        s.integer(Setting.LIVE_MAX_FRAME_BYTES), s.integer(Setting.LIVE_MAX_CONNECTIONS_PER_TOKEN),
        Arrays.stream(s.get(Setting.LIVE_ALLOWED_ORIGINS).split(",")).map(String::strip).filter(o -> !o.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        s.integer(Setting.LIVE_PING_SECONDS), s.integer(Setting.LIVE_IDLE_SECONDS));
  }
}
