package org.borderpulse.alert.eval;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderpulse.alert.AlertBus;
import org.borderpulse.alert.AlertSql;
import org.borderpulse.alert.Silences;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.ingest.Event;
import org.borderpulse.query.Dimension;
import org.borderpulse.rollup.RollupBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every alert rule on one thread: keeps per-minute counts of committed events for
 * windowed rules, the last time each post was heard, the alert lists' hashes and the alert
 * instances; marks rules dirty on new data (debounced) and evaluates everything on a timer.
 * A transition, its history row and its notifications are written in one transaction; only
 * then does the in-memory state move on (a failed write is retried on the next pass).
 */
public final class AlertVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AlertVerticle.class);
  /** Days of events loaded at start besides the longest window (alert-list re-scan, last heard). */
  private static final int MIN_LOAD_DAYS = 1;
  /** Records older than this when they arrive do not count as the post being heard. */
  static final Duration FRESH = Duration.ofHours(6);

  private final Pool pool;
  private final PostCatalog catalog;
  private final Map<String, Set<String>> regions;
  private final Clock clock;
  private final long evaluateMs;
  private final long debounceMs;

  private final Map<String, Rule> rules = new LinkedHashMap<>();
  /** Every stored rule id, evaluable or not. */
  private Set<String> ruleIds = Set.of();
  private final Map<String, Windows> windows = new HashMap<>();
  private final Map<String, Instance> instances = new HashMap<>();
  /** hash → list id → when it was listed. */
  private Map<String, Map<String, Instant>> listed = new HashMap<>();
  private final Map<String, Long> lastHeard = new HashMap<>();
  private List<JsonObject> silences = List.of();
  private Kinds kinds;
  private long startedAt;

  private boolean loading;
  private final List<FeedEvent> buffered = new ArrayList<>();
  private Set<String> windowedSignature = Set.of();
  private boolean debouncing;
  private Future<Void> pass = Future.succeededFuture();
  private boolean stopped;

  public AlertVerticle(Pool pool, PostCatalog catalog, Map<String, Set<String>> regions, Clock clock,
      long evaluateMs, long debounceMs) {
    this.pool = pool;
    this.catalog = catalog;
    this.regions = regions;
    this.clock = clock;
    this.evaluateMs = evaluateMs;
    this.debounceMs = debounceMs;
  }

  @Override
  public Future<?> start() {
    startedAt = clock.millis();
    kinds = new Kinds(vertx, catalog, regions);
    AlertBus.register(vertx);
    MessageConsumer<AlertBus.Batch> events = vertx.eventBus().consumer(AlertBus.EVENTS, m -> onEvents(m.body()));
    MessageConsumer<Object> rows = vertx.eventBus().consumer(RollupBus.DELTAS, m -> markDirty());
    MessageConsumer<Object> reload = vertx.eventBus().localConsumer(AlertBus.RELOAD, m -> reload());
    MessageConsumer<Object> evaluate = vertx.eventBus().localConsumer(AlertBus.EVALUATE,
        m -> evaluateNow().onComplete(x -> m.reply(x.succeeded() ? "done" : String.valueOf(x.cause()))));
    MessageConsumer<Object> activity = vertx.eventBus().localConsumer(AlertBus.ACTIVITY, m -> m.reply(
        PostActivity.of(catalog, lastHeard, startedAt, instances.values(), rules, clock.instant())));
    pass = Future.all(List.of(events.completion(), rows.completion(), reload.completion(), evaluate.completion(),
            activity.completion()))
        .compose(x -> loadRules())
        .compose(x -> resolveOrphans())
        .compose(x -> loadLists())
        .compose(x -> loadSilences())
        .compose(x -> loadInstances())
        .compose(x -> rebuildWindows());
    return pass.onSuccess(x -> vertx.setPeriodic(evaluateMs, t -> {
      loadSilences();
      evaluateNow();
    }));
  }

  /** Lets the pass in flight finish (its writes need the pool, which closes after the verticles). */
  @Override
  public Future<?> stop() {
    stopped = true;
    return pass.otherwiseEmpty();
  }

  // ---------------------------------------------------------------- loading

  private Future<Void> loadRules() {
    return pool.query("SELECT id, definition FROM alert_rule ORDER BY id").execute().map(rs -> {
      rules.clear();
      Set<String> ids = new HashSet<>();
      for (Row r : rs) {
        ids.add(r.getString(0));
        try {
          Rule rule = Rule.of(r.getJsonObject(1).copy().put("id", r.getString(0)));
          rules.put(rule.id(), rule);
        } catch (RuntimeException e) {
          LOG.warn("Alert rule {} cannot be evaluated: {}", r.getString(0), e.toString());
        }
      }
      ruleIds = ids;
      return null;
    });
  }

  private Future<Void> resolveOrphans() {
    return pool.preparedQuery(AlertSql.RESOLVE_ORPHANS).execute(Tuple.tuple()
        .addArrayOfString(ruleIds.toArray(String[]::new))).mapEmpty();
  }

  private Future<Void> loadLists() {
    return pool.query(AlertSql.ALL_HASHES).execute().map(rs -> {
      Map<String, Map<String, Instant>> m = new HashMap<>();
      for (Row r : rs) {
        m.computeIfAbsent(r.getString(1), h -> new HashMap<>(2))
            .put(r.getString(0), r.getOffsetDateTime(2).toInstant());
      }
      listed = m;
      return null;
    });
  }

  private Future<Void> loadSilences() {
    return pool.query(AlertSql.ACTIVE_SILENCES).execute().map(rs -> {
      List<JsonObject> s = new ArrayList<>();
      for (Row r : rs) {
        s.add(new JsonObject().put("matchers", r.getJsonArray(1)).put("startsAt", r.getOffsetDateTime(2).toInstant()
            .toEpochMilli()).put("until", r.getOffsetDateTime(3).toInstant().toEpochMilli()));
      }
      silences = s;
      return (Void) null;
    }).recover(e -> {
      LOG.warn("Silences not reloaded: {}", e.toString());
      return Future.succeededFuture();
    });
  }

  private Future<Void> loadInstances() {
    return pool.query(AlertSql.LOAD_INSTANCES).execute().map(rs -> {
      instances.clear();
      for (Row r : rs) {
        Instance i = Instance.of(r);
        instances.put(i.id, i);
      }
      LOG.info("Alerting: {} rules, {} open alert instances", rules.size(), instances.size());
      return null;
    });
  }

  /**
   * (Re)builds the per-minute counts from the {@code event} table (the event_post_day index,
   * one query per post) and re-scans those events for alert-list matches a crash between
   * commit and publish could have lost. Live events that arrive meanwhile are held and applied
   * after, skipping those the load already saw.
   */
  private Future<Void> rebuildWindows() {
    loading = true;
    windows.clear();
    for (Rule r : rules.values()) {
      if (r.windowed() && r.window() != null) {
        windows.put(r.id(), new Windows());
      }
    }
    windowedSignature = signature();
    long maxWindowMin = rules.values().stream().filter(Rule::windowed).map(Rule::window)
        .filter(w -> w != null).mapToLong(Duration::toMinutes).max().orElse(0);
    Instant now = clock.instant();
    LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
    LocalDate from = LocalDate.ofInstant(now.minus(Duration.ofMinutes(maxWindowMin)), ZoneOffset.UTC)
        .minusDays(MIN_LOAD_DAYS);
    Set<String> seen = new HashSet<>();
    long recentFrom = clock.millis() - 120_000;
    Future<Void> chain = Future.succeededFuture();
    long t0 = System.nanoTime();
    int[] n = new int[1];
    for (Post p : catalog.all()) {
      chain = chain.compose(x -> pool.preparedQuery(AlertSql.RECENT_EVENTS).execute(Tuple.of(p.id(), from, to))
          .compose(rs -> {
            List<FeedEvent> matches = new ArrayList<>();
            for (Row r : rs) {
              FeedEvent e = feedEvent(r);
              n[0]++;
              if (e.receivedAt() >= recentFrom) {
                seen.add(e.id());
              }
              addToWindows(e, now);
              heard(e);
              if (e.documentHash() != null && listed.containsKey(e.documentHash())) {
                matches.add(e);
              }
            }
            return raiseMatches(matches, true);
          }));
    }
    return chain.map(x -> {
      loading = false;
      List<FeedEvent> held = new ArrayList<>(buffered);
      buffered.clear();
      List<FeedEvent> fresh = held.stream().filter(e -> !seen.contains(e.id())).toList();
      LOG.info("Alerting: {} recent events loaded in {} ms ({} held meanwhile)", n[0],
          (System.nanoTime() - t0) / 1_000_000, held.size());
      apply(fresh);
      markDirty();
      return (Void) null;
    }).onFailure(e -> loading = false);
  }

  private static FeedEvent feedEvent(Row r) {
    return FeedEvent.of(r.getString("id"), r.getString("type"), r.getString("post_id"), r.getString("workstation_id"),
        r.getOffsetDateTime("occurred_at").toEpochSecond(), r.getString("outcome"), r.getString("document_type"),
        r.getString("fraud_type"), r.getString("issuing_country"), r.getString("nationality"), r.getString("reason"),
        r.getString("direction"), r.getInteger("persons"), r.getInteger("count"), r.getString("document_hash"),
        r.getOffsetDateTime("received_at").toInstant().toEpochMilli());
  }

  private Set<String> signature() {
    Set<String> s = new HashSet<>();
    rules.values().stream().filter(Rule::windowed).forEach(r -> s.add(r.id() + "|" + r.window() + "|"
        + r.scopeJson().encode() + "|" + r.groupBy() + "|" + r.metric()));
    return s;
  }

  /**
   * Rules, lists or silences changed (API): reload, in turn with the passes; rebuild the windows
   * when windowed rules changed.
   */
  private void reload() {
    pass = pass.transform(y -> loadRules().compose(x -> resolveOrphans()).compose(x -> loadLists())
        .compose(x -> loadSilences())
        .compose(x -> signature().equals(windowedSignature) ? Future.<Void>succeededFuture() : rebuildWindows())
        .onSuccess(x -> {
          instances.values().removeIf(i -> {
            if (ruleIds.contains(i.ruleId)) {
              return false;
            }
            announceRuleDeleted(i);
            return true;
          });
          markDirty();
        })
        .recover(e -> {
          LOG.warn("Alert rules not reloaded: {}", e.toString());
          return Future.succeededFuture();
        }));
  }

  /** An open alert of a deleted rule was resolved in the database (RESOLVE_ORPHANS): tell live screens. */
  private void announceRuleDeleted(Instance i) {
    if (!"pending".equals(i.state) && !"firing".equals(i.state)) {
      return;
    }
    Instance resolved = i.copy();
    resolved.state = "resolved";
    resolved.stateSince = java.time.Instant.ofEpochMilli(clock.millis());
    resolved.explanation = i.explanation + " (rule deleted)";
    vertx.eventBus().publish(AlertBus.CHANGED, resolved.toJson().put("country", resolved.country));
  }

  // ---------------------------------------------------------------- live events

  private void onEvents(AlertBus.Batch body) {
    long now = clock.millis();
    List<FeedEvent> events = new ArrayList<>(body.events().size());
    for (Event e : body.events()) {
      events.add(FeedEvent.of(e, now));
    }
    if (body.accepted() < events.size()) {
      // some were duplicates of stored events: keep those this batch stored
      pool.preparedQuery(AlertSql.BATCH_IDS).execute(Tuple.of(body.seq())).onSuccess(rs -> {
        Set<String> stored = new HashSet<>();
        rs.forEach(r -> stored.add(r.getString(0)));
        take(events.stream().filter(e -> stored.contains(e.id())).toList());
      }).onFailure(e -> LOG.warn("Alerting missed a batch: {}", e.toString()));
    } else {
      take(events);
    }
  }

  private void take(List<FeedEvent> events) {
    if (loading) {
      buffered.addAll(events);
    } else {
      apply(events);
    }
  }

  private void apply(List<FeedEvent> events) {
    Instant now = clock.instant();
    List<FeedEvent> matches = new ArrayList<>();
    for (FeedEvent e : events) {
      addToWindows(e, now);
      heard(e);
      if (e.documentHash() != null && listed.containsKey(e.documentHash())) {
        matches.add(e);
      }
    }
    if (!matches.isEmpty()) {
      pass = pass.transform(x -> raiseMatches(matches, false)); // after any running pass, never beside it
    }
    if (!events.isEmpty()) {
      markDirty();
    }
  }

  /**
   * A post is heard when a record arrives that is at most {@link #FRESH} old: a spooled backlog
   * after an outage ends a silence, history being backfilled does not.
   */
  private void heard(FeedEvent e) {
    if (e.occurredAt() * 1000 >= e.receivedAt() - FRESH.toMillis()) {
      lastHeard.merge(e.post(), e.receivedAt(), Math::max);
    }
  }

  private void addToWindows(FeedEvent e, Instant now) {
    long minute = Math.floorDiv(e.occurredAt(), 60);
    long nowMinute = now.getEpochSecond() / 60;
    for (Rule r : rules.values()) {
      Windows w = windows.get(r.id());
      if (w == null || minute < nowMinute - r.window().toMinutes() || !kinds.inScope(r, e)) {
        continue;
      }
      for (Kinds.Group g : kinds.groupsOf(r, e)) {
        w.add(g.key(), minute, e);
      }
    }
  }

  // ---------------------------------------------------------------- evaluation

  private void markDirty() {
    if (debouncing || loading) {
      return;
    }
    debouncing = true;
    vertx.setTimer(Math.max(1, debounceMs), t -> {
      debouncing = false;
      evaluateNow();
    });
  }

  /** One pass over every rule; passes never overlap (a request during a pass runs one more after it). */
  Future<Void> evaluateNow() {
    if (stopped) {
      return Future.succeededFuture();
    }
    Future<Void> next = pass.transform(x -> evaluateAll());
    pass = next;
    return next;
  }

  private Future<Void> evaluateAll() {
    Instant now = clock.instant();
    long nowMinute = now.getEpochSecond() / 60;
    for (Rule r : rules.values()) {
      Windows w = windows.get(r.id());
      if (w != null) {
        w.prune(nowMinute - r.window().toMinutes() - 5);
      }
    }
    Future<Void> chain = Future.succeededFuture();
    for (Rule r : List.copyOf(rules.values())) {
      chain = chain.compose(x -> Future.<Void>succeededFuture().compose(y -> evaluate(r, now)).recover(e -> {
        LOG.warn("Alert rule {} not evaluated: {}", r.id(), e.toString(), e);
        return Future.succeededFuture();
      }));
    }
    return chain;
  }

  private Future<Void> evaluate(Rule r, Instant now) {
    if ("alert_list".equals(r.kind())) {
      return expireMatches(r, now);
    }
    Map<String, Instance> mine = new HashMap<>();
    for (Instance i : instances.values()) {
      if (i.ruleId.equals(r.id())) {
        mine.put(i.groupKey, i);
      }
    }
    Future<List<Observation>> observed = switch (r.kind()) {
      case "threshold" -> Future.succeededFuture(kinds.threshold(r, windows.get(r.id()), mine, now));
      case "anomaly" -> kinds.anomaly(r, windows.get(r.id()), mine, now);
      case "change" -> kinds.change(r, mine, now);
      default -> Future.succeededFuture(kinds.silence(r, lastHeard, startedAt, now));
    };
    return observed.compose(list -> {
      Future<Void> chain = Future.succeededFuture();
      List<Instance> valueUpdates = new ArrayList<>();
      for (Observation o : list) {
        Instance cur = mine.get(o.groupKey());
        if (cur == null) {
          if (!o.active()) {
            continue;
          }
          cur = fresh(r, o.groupKey(), o.labels(), o.country(), null);
        }
        Instance next = StateMachine.next(cur, o.active(), r.forDuration(), r.keepFiringFor(), now);
        if (next != null) {
          describe(next, o, r);
          Instance before = cur;
          chain = chain.compose(x -> persist(before, next, r));
        } else if (!"normal".equals(cur.state) && !"resolved".equals(cur.state)) {
          boolean changed = !java.util.Objects.equals(cur.value, o.value())
              || !java.util.Objects.equals(cur.explanation, o.explanation());
          if (o.active()) {
            cur.lastTrueAt = now;
          }
          if (changed || o.active()) {
            describe(cur, o, r);
            valueUpdates.add(cur);
          }
        }
      }
      return chain.compose(x -> updateValues(valueUpdates));
    });
  }

  private static void describe(Instance i, Observation o, Rule r) {
    i.value = o.value();
    i.threshold = o.threshold();
    i.explanation = o.explanation();
    i.link = o.link();
    i.labels = o.labels();
    i.severity = r.severity();
  }

  private Future<Void> updateValues(List<Instance> list) {
    if (list.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (Instance i : list) {
      batch.add(Tuple.of(i.id, i.value, i.threshold, i.explanation, i.link, offset(i.lastTrueAt)));
    }
    return pool.preparedQuery(AlertSql.UPDATE_VALUE).executeBatch(batch).mapEmpty();
  }

  private Instance fresh(Rule r, String groupKey, JsonObject labels, String country, String eventId) {
    Instance i = new Instance();
    i.id = instanceId(r.id(), groupKey);
    i.ruleId = r.id();
    i.groupKey = groupKey;
    i.labels = labels;
    i.country = country;
    i.eventId = eventId;
    i.severity = r.severity();
    i.state = "normal";
    i.stateSince = clock.instant();
    Instance known = instances.get(i.id);
    return known != null ? known : i;
  }

  /** Readable and stable: the rule id and a short hash of the group. */
  static String instanceId(String ruleId, String groupKey) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest((ruleId + "|" + groupKey).getBytes(StandardCharsets.UTF_8));
      return ruleId + "." + HexFormat.of().formatHex(h, 0, 5);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- alert lists

  /** Raises one firing instance per matching event (dedupe by the (rule, event) unique key). */
  private Future<Void> raiseMatches(List<FeedEvent> events, boolean rescan) {
    Future<Void> chain = Future.succeededFuture();
    Instant now = clock.instant();
    for (FeedEvent e : events) {
      Map<String, Instant> lists = listed.get(e.documentHash());
      for (Rule r : rules.values()) {
        if (!"alert_list".equals(r.kind()) || e.type() != 0 || lists == null || !kinds.inScope(r, e)) {
          continue;
        }
        String list = r.lists().stream().filter(l -> lists.containsKey(l)
            && (!rescan || !lists.get(l).isAfter(Instant.ofEpochMilli(e.receivedAt())))).findFirst().orElse(null);
        if (list == null) {
          continue;
        }
        List<Kinds.Group> groups = kinds.groupsOf(r, e);
        Kinds.Group g = groups.isEmpty() ? new Kinds.Group("", new JsonObject(), null) : groups.get(0);
        Instance cur = fresh(r, "event=" + e.id(), g.labels(), g.country(), e.id());
        if (cur.version >= 0) {
          continue;
        }
        Instance next = StateMachine.next(cur, true, Duration.ZERO, r.keepFiringFor(), now);
        Instant at = Instant.ofEpochSecond(e.occurredAt());
        String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
        describe(next, new Observation(cur.groupKey, g.labels(), g.country(), true, 1.0, null,
            "document check " + e.id() + " at " + e.post() + " (" + at + "): its document hash is on alert list '"
                + list + "'", Links.link("fraud-overview", r, g.labels(), day, null, null)), r);
        chain = chain.compose(x -> persist(cur, next, r));
      }
    }
    return chain;
  }

  private Future<Void> expireMatches(Rule r, Instant now) {
    Future<Void> chain = Future.succeededFuture();
    for (Instance i : List.copyOf(instances.values())) {
      if (i.ruleId.equals(r.id()) && "firing".equals(i.state)) {
        Instance next = StateMachine.next(i, false, Duration.ZERO, r.keepFiringFor(), now);
        if (next != null) {
          chain = chain.compose(x -> persist(i, next, r));
        }
      }
    }
    return chain;
  }

  // ---------------------------------------------------------------- persistence

  /**
   * Writes a transition, its history row and its notifications in one transaction; the
   * in-memory state moves on only after commit. A version conflict (another node moved it)
   * reloads the instance.
   */
  private Future<Void> persist(Instance before, Instance after, Rule r) {
    boolean notify = ("firing".equals(after.state) || "resolved".equals(after.state))
        && !after.state.equals(before.state) && !Silences.mutes(silences, after, clock.millis());
    String notificationId = after.id + "." + after.episode + "." + after.state;
    return pool.withTransaction(conn -> write(conn, before, after)
        .compose(version -> {
          if (version == null) {
            return Future.succeededFuture(false);
          }
          after.version = version;
          return conn.preparedQuery(AlertSql.INSERT_TRANSITION).execute(Tuple.of(after.id, after.episode,
                  before.state, after.state, offset(after.stateSince), after.value, after.explanation))
              .compose(x -> notify ? notifications(conn, notificationId, after, r) : Future.succeededFuture())
              .map(true);
        }))
        .compose(written -> {
          if (!written) {
            return reloadInstance(after.id);
          }
          instances.put(after.id, after);
          if ("normal".equals(after.state) || ("resolved".equals(after.state) && after.eventId != null)) {
            instances.remove(after.id);
          }
          vertx.eventBus().publish(AlertBus.CHANGED, after.toJson().put("country", after.country));
          if (notify && (!r.webhooks().isEmpty() || !r.emails().isEmpty())) {
            vertx.eventBus().publish(AlertBus.OUTBOX, notificationId);
          }
          LOG.info("Alert {} {} → {}: {}", after.id, before.state, after.state, after.explanation);
          return Future.<Void>succeededFuture();
        })
        .recover(e -> {
          LOG.warn("Alert {} transition {} → {} not stored (retried next pass): {}", after.id, before.state,
              after.state, e.toString());
          return Future.succeededFuture();
        });
  }

  /** The new version, or null when another writer got there first. */
  private Future<Long> write(SqlConnection conn, Instance before, Instance a) {
    if (before.version < 0) {
      return conn.preparedQuery(AlertSql.INSERT_INSTANCE).execute(Tuple.from(new Object[] {a.id, a.ruleId,
              a.groupKey, a.labels, a.country, a.eventId, a.severity, a.state, a.episode, a.value, a.threshold,
              a.explanation, a.link, offset(a.stateSince), offset(a.pendingSince), offset(a.firingSince),
              offset(a.resolvedAt), offset(a.lastTrueAt)}))
          .map(rs -> rs.rowCount() == 0 ? null : rs.iterator().next().getLong(0));
    }
    return conn.preparedQuery(AlertSql.UPDATE_INSTANCE).execute(Tuple.from(new Object[] {a.id, before.version,
            a.severity, a.state, a.episode, a.value, a.threshold, a.explanation, a.link, offset(a.stateSince),
            offset(a.pendingSince), offset(a.firingSince), offset(a.resolvedAt), offset(a.lastTrueAt), a.labels}))
        .map(rs -> rs.rowCount() == 0 ? null : rs.iterator().next().getLong(0));
  }

  private Future<Void> notifications(SqlConnection conn, String id, Instance a, Rule r) {
    String payload = new JsonObject().put("id", id).put("state", a.state).put("alert", a.toJson()).encode();
    List<Tuple> rows = new ArrayList<>();
    r.webhooks().forEach(url -> rows.add(Tuple.of(id, "webhook", url, a.id, a.state, payload)));
    r.emails().forEach(to -> rows.add(Tuple.of(id, "email", to, a.id, a.state, payload)));
    return rows.isEmpty() ? Future.succeededFuture()
        : conn.preparedQuery(AlertSql.INSERT_NOTIFICATION).executeBatch(rows).mapEmpty();
  }

  private Future<Void> reloadInstance(String id) {
    return pool.preparedQuery(AlertSql.GET_INSTANCE).execute(Tuple.of(id)).map(rs -> {
      if (rs.iterator().hasNext()) {
        Instance i = Instance.of(rs.iterator().next());
        if (i.eventId == null || !"resolved".equals(i.state)) {
          instances.put(id, i);
        }
      }
      return null;
    });
  }

  static OffsetDateTime offset(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  static DeliveryOptions local() {
    return new DeliveryOptions().setLocalOnly(true);
  }
}
