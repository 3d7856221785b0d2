package org.borderpulse.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.ingest.EventReader;
import org.borderpulse.ingest.EventValidator;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  private static final List<Post> POSTS = ReferenceFiles.posts(TestServer.CONFIG_DIR.resolve("posts.yaml"));
  private static final List<SimPost> SIM_POSTS = POSTS.stream().map(SimPost::of).toList();
  private static final Instant LIVE = Instant.parse("2026-11-20T05:30:00Z");

  private static Generator generator(long seed) {
    return new Generator(new SimParams(seed, LIVE, null, 700, 0.5, true), SIM_POSTS);
  }

  private static List<String> encoded(List<SimEvent> events) {
    return events.stream().map(e -> e.json().encode()).toList();
  }

  /** Everything a generator makes for every post: some history days and the live day. */
  private static List<SimEvent> sample(Generator g) {
    List<SimEvent> all = new ArrayList<>();
    for (SimPost p : SIM_POSTS) {
      for (LocalDate d : List.of(LocalDate.of(2019, 4, 14), LocalDate.of(2020, 6, 1), LocalDate.of(2023, 2, 1),
          g.liveDay(p).minusDays(1), g.liveDay(p))) {
        all.addAll(g.day(p, d));
      }
    }
    return all;
  }

  @Test
  void sameSeedGivesTheSameEventsAndIds() {
    List<String> first = encoded(sample(generator(7)));
    List<String> second = encoded(sample(generator(7)));
    assertTrue(first.size() > 1000, "a useful sample, got " + first.size());
    assertEquals(first, second);
    assertNotEquals(first, encoded(sample(generator(8))));
  }

  @Test
  void liveHoursAreTheSameWhetherMadeByTheHourOrByTheDay() {
    Generator g = generator(3);
    SimPost bkk = SIM_POSTS.get(0);
    LocalDate day = g.liveDay(bkk);
    List<SimEvent> byHour = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      byHour.addAll(g.hour(bkk, day, h));
    }
    Set<String> a = byHour.stream().map(e -> e.json().encode()).collect(Collectors.toSet());
    Set<String> b = g.day(bkk, day).stream().map(e -> e.json().encode()).collect(Collectors.toSet());
    assertEquals(b, a);
  }

  @Test
  void everyGeneratedEventPassesTheServersValidationWithAUniqueId() {
    Map<String, Post> byId = POSTS.stream().collect(Collectors.toMap(Post::id, Function.identity()));
    EventValidator validator = new EventValidator(id -> Optional.ofNullable(byId.get(id)),
        Clock.fixed(LIVE.plusSeconds(3 * 86_400), ZoneOffset.UTC));
    List<SimEvent> events = sample(generator(11));
    JsonArray errors = new JsonArray();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      validator.validate(new EventReader.Raw(i, null, events.get(i).json()), errors);
      assertTrue(ids.add(events.get(i).id()), "duplicate id " + events.get(i).id());
    }
    assertEquals(new JsonArray(), errors);
  }

  @Test
  void trafficCollapsesIn2020AndRecovers() {
    assertTrue(Traffic.years(LocalDate.of(2020, 8, 1)) < 0.15);
    assertTrue(Traffic.years(LocalDate.of(2025, 8, 1)) > Traffic.years(LocalDate.of(2019, 8, 1)));
    assertTrue(Traffic.years(LocalDate.of(2022, 8, 1)) > Traffic.years(LocalDate.of(2021, 8, 1)));
  }

  @Test
  void fraudComesMostlyFromSecondLineDesksAndIsAFewPercent() {
    List<SimEvent> docs = sample(generator(5)).stream().filter(e -> e.type().equals("document_check")).toList();
    long fraud = docs.stream().filter(e -> !e.json().getString("outcome").equals("genuine")).count();
    long fraudAtSecondLine = docs.stream().filter(e -> !e.json().getString("outcome").equals("genuine"))
        .filter(e -> e.json().getString("workstation").matches(".*-S\\d+")).count();
    double share = (double) fraud / docs.size();
    assertTrue(share > 0.005 && share < 0.06, "fraud share " + share);
    assertTrue(fraudAtSecondLine > fraud / 2, fraudAtSecondLine + " of " + fraud);
  }

  @Test
  void aPostClosedAtNightSendsNothingAtNight() {
    Generator g = generator(9);
    SimPost border = SIM_POSTS.stream().filter(p -> "06:00-22:00".equals(p.post().operatingHours())).findFirst()
        .orElseThrow();
    for (SimEvent e : g.day(border, LocalDate.of(2019, 5, 2))) {
      if (!e.type().equals("crossing_count")) {
        int hour = e.releaseAt().atZone(border.post().timeZone()).getHour();
        assertTrue(hour >= 6 && hour < 22, e.json().encode());
      }
    }
  }

  @Test
  void theAlertListRunUsesListedHashes() {
    SimParams params = new SimParams(1, LIVE, null, 700, 20, true);
    Generator g = new Generator(params, SIM_POSTS);
    Set<String> listed = new HashSet<>(Incidents.alertList(1));
    var during = LIVE.plus(Incidents.ALERT_LIST_START).plusSeconds(60);
    long matches = SIM_POSTS.stream().flatMap(p -> {
      var local = during.atZone(p.post().timeZone());
      return g.hour(p, local.toLocalDate(), local.getHour()).stream();
    }).filter(e -> listed.contains(e.json().getString("documentHash"))).count();
    assertTrue(matches > 0, "the staged run presents documents from the alert list");
  }
}
