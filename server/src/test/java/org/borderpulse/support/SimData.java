package org.borderpulse.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.sim.Generator;
import org.borderpulse.sim.SimEvent;
import org.borderpulse.sim.SimParams;
import org.borderpulse.sim.SimPost;

/** Simulated days of every shipped post, sent through the real API: a realistic test dataset. */
public final class SimData {
  private static final int BATCH = 5000;

  private SimData() {}

  /**
   * Sends every event the simulator makes for these post-local days (none later than now), at
   * {@code perDay} document checks a day across the network (every day is history); returns how
   * many were sent.
   */
  public static int send(Api api, Iterable<LocalDate> days, long seed, double perDay) {
    List<SimPost> posts = ReferenceFiles.posts(TestServer.CONFIG_DIR.resolve("posts.yaml")).stream().map(SimPost::of)
        .toList();
    Generator g = new Generator(new SimParams(seed, Instant.now().plus(java.time.Duration.ofDays(2)), null, perDay, 1, false), posts);
    Instant now = Instant.now();
    JsonArray batch = new JsonArray();
    int sent = 0;
    for (SimPost p : posts) {
      for (LocalDate day : days) {
        for (SimEvent e : g.day(p, day)) {
          if (!e.releaseAt().isAfter(now)) {
            batch.add(e.json());
          }
          if (batch.size() == BATCH) {
            sent += send(api, batch);
          }
        }
      }
    }
    return sent + send(api, batch);
  }

  private static int send(Api api, JsonArray batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    HttpResponse<Buffer> r = TestServer.await(api.send(TestServer.ADMIN_TOKEN, batch));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    int n = batch.size();
    batch.clear();
    return n;
  }
}
