package org.borderpulse.alert;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.borderpulse.alert.eval.Instance;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.http.ApiException;
import org.borderpulse.http.Problems;
import org.borderpulse.query.QueryScope;

/**
 * {@code GET /api/v1/alerts}, {@code POST /api/v1/alerts/{id}/ack}, silences
 * ({@code POST|GET /api/v1/silences}, {@code DELETE /api/v1/silences/{id}}) and alert lists
 * ({@code PUT|GET /api/v1/alert-lists/{id}}, {@code GET /api/v1/alert-lists}).
 */
public final class AlertApi {
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{16,128}");
  private static final int MAX_ALERTS = 1000;
  private static final int MAX_HASHES = 200_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> STATES = List.of("normal", "pending", "firing", "resolved");

  private final Vertx vertx;
  private final Pool pool;

  public AlertApi(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  // ---------------------------------------------------------------- alerts

  public void list(RoutingContext ctx) {
    Set<String> scope = QueryScope.of(Authenticator.principal(ctx));
    MultiMap p = ctx.queryParams();
    JsonArray errors = new JsonArray();
    for (String name : p.names()) {
      if (!List.of("state", "severity", "rule", "country").contains(name)) {
        errors.add(Problems.error(null, name, "unknown filter; filters are state, severity, rule, country"));
      }
    }
    String[] state = values(p, "state", STATES, errors);
    String[] severity = values(p, "severity", RuleReader.SEVERITIES, errors);
    String[] rule = values(p, "rule", null, errors);
    String[] country = values(p, "country", null, errors);
    if (country != null) {
      for (String c : country) {
        if (!c.matches("[A-Z]{3}")) {
          errors.add(Problems.error(null, "country", "'" + c + "' is not an ISO 3166-1 alpha-3 code such as THA"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "Invalid filter", errors.getJsonObject(0).getString("field") + ": "
          + errors.getJsonObject(0).getString("message"), errors);
    }
    Tuple t = Tuple.tuple().addArrayOfString(state).addArrayOfString(severity).addArrayOfString(rule)
        .addArrayOfString(country).addArrayOfString(scope == null ? null : scope.toArray(String[]::new))
        .addInteger(MAX_ALERTS);
    pool.preparedQuery(AlertSql.LIST_ALERTS).execute(t).onSuccess(rs -> {
      JsonArray alerts = new JsonArray();
      for (Row r : rs) {
        alerts.add(alert(r));
      }
      ctx.json(new JsonObject().put("alerts", alerts));
    }).onFailure(ctx::fail);
  }

  private static JsonObject alert(Row r) {
    Instance i = Instance.of(r);
    JsonObject o = i.toJson();
    if (r.getString("who") != null) {
      o.put("acknowledged", new JsonObject().put("by", r.getString("who")).put("comment", r.getString("comment"))
          .put("at", r.getOffsetDateTime("at").toInstant().toString()));
    }
    return o;
  }

  static String[] values(MultiMap p, String name, List<String> allowed, JsonArray errors) {
    if (!p.contains(name)) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String v : p.getAll(name)) {
      for (String s : v.split(",")) {
        String x = s.strip();
        if (x.isEmpty()) {
          continue;
        }
        if (allowed != null && !allowed.contains(x)) {
          errors.add(Problems.error(null, name, "'" + x + "' is not allowed; one of " + String.join(", ", allowed)));
        }
        out.add(x);
      }
    }
    if (out.isEmpty()) {
      errors.add(Problems.error(null, name, "give at least one value (comma-separated for several)"));
    }
    return out.toArray(String[]::new);
  }

  public void ack(RoutingContext ctx) {
    Set<String> scope = QueryScope.of(Authenticator.principal(ctx));
    String id = ctx.pathParam("alertId");
    JsonObject body = object(ctx);
    JsonArray errors = new JsonArray();
    String who = text(body, "who", true, 100, errors);
    String comment = text(body, "comment", false, 1000, errors);
    unknown(body, Set.of("who", "comment"), errors);
    if (!errors.isEmpty()) {
      throw new ApiException(422, "Invalid acknowledgement", "send {\"who\": \"…\", \"comment\": \"…\"}", errors);
    }
    pool.preparedQuery(AlertSql.GET_INSTANCE).execute(Tuple.of(id)).compose(rs -> {
      Row r = rs.iterator().hasNext() ? rs.iterator().next() : null;
      if (r == null || (scope != null && !scope.contains(r.getString("country")))) {
        throw ApiException.notFound("no alert '" + id + "'");
      }
      String state = r.getString("state");
      if (!"pending".equals(state) && !"firing".equals(state)) {
        throw new ApiException(409, "Conflict", "alert '" + id + "' is " + state + "; only pending or firing alerts "
            + "are acknowledged");
      }
      int episode = r.getInteger("episode");
      return pool.preparedQuery(AlertSql.INSERT_ACK).execute(Tuple.of(id, episode, who, comment == null ? "" : comment))
          .map(x -> {
            JsonObject ack = new JsonObject().put("by", who).put("comment", comment == null ? "" : comment)
                .put("at", x.iterator().next().getOffsetDateTime(0).toInstant().toString());
            JsonObject alert = new JsonObject().put("id", id).put("rule", r.getString("rule_id")).put("state", state)
                .put("severity", r.getString("severity")).put("group", r.getJson("group_labels"))
                .put("acknowledged", ack);
            vertx.eventBus().publish(AlertBus.CHANGED, alert.copy().put("country", r.getString("country")));
            return new JsonObject().put("alert", id).put("episode", episode).mergeIn(ack);
          });
    }).onSuccess(ack -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
        .end(ack.encode())).onFailure(ctx::fail);
  }

  // ---------------------------------------------------------------- silences

  public void createSilence(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    JsonObject body = object(ctx);
    JsonArray errors = new JsonArray();
    JsonArray matchers = matchers(body.getValue("matchers"), errors);
    OffsetDateTime until = null;
    if (!(body.getValue("until") instanceof String u)) {
      errors.add(Problems.error(null, "until", "is required: an ISO-8601 time such as 2026-11-22T18:00:00Z"));
    } else {
      try {
        until = OffsetDateTime.parse(u);
        if (!until.isAfter(OffsetDateTime.now())) {
          errors.add(Problems.error(null, "until", "must be in the future"));
        } else if (until.isAfter(OffsetDateTime.now().plusYears(1))) {
          errors.add(Problems.error(null, "until", "at most one year ahead"));
        }
      } catch (DateTimeParseException e) {
        errors.add(Problems.error(null, "until", "'" + u + "' is not an ISO-8601 time such as 2026-11-22T18:00:00Z"));
      }
    }
    String comment = text(body, "comment", true, 1000, errors);
    String createdBy = text(body, "createdBy", false, 100, errors);
    unknown(body, Set.of("matchers", "until", "comment", "createdBy"), errors);
    if (!errors.isEmpty()) {
      throw new ApiException(422, "Invalid silence", "the silence has problems; nothing was created", errors);
    }
    String id = "s_" + HexFormat.of().formatHex(random(8));
    OffsetDateTime end = until;
    pool.preparedQuery(AlertSql.INSERT_SILENCE).execute(Tuple.of(id, matchers, end, comment,
            createdBy == null ? "" : createdBy))
        .onSuccess(rs -> {
          Row r = rs.iterator().next();
          vertx.eventBus().publish(AlertBus.RELOAD, "silences");
          ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
              .end(silence(id, matchers, r.getOffsetDateTime(0), end, comment, createdBy == null ? "" : createdBy)
                  .encode());
        }).onFailure(ctx::fail);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static JsonArray matchers(Object value, JsonArray errors) {
    JsonArray out = new JsonArray();
    if (value instanceof JsonObject o) {
      JsonArray list = new JsonArray();
      o.forEach(e -> list.add(new JsonObject().put("name", e.getKey()).put("value", e.getValue())));
      value = list;
    }
    if (!(value instanceof JsonArray a) || a.isEmpty()) {
      errors.add(Problems.error(null, "matchers", "is required: a non-empty list of {\"name\": label, \"value\": v} "
          + "(labels: " + String.join(", ", Silences.LABELS) + ")"));
      return out;
    }
    for (int i = 0; i < a.size(); i++) {
      Object m = a.getValue(i);
      if (!(m instanceof JsonObject mo) || !(mo.getValue("name") instanceof String n) || !Silences.LABELS.contains(n)
          || !(mo.getValue("value") instanceof String v) || v.isBlank() || mo.size() != 2) {
        errors.add(Problems.error(null, "matchers[" + i + "]", "{\"name\": one of " + String.join(", ", Silences.LABELS)
            + ", \"value\": a non-empty text}"));
      } else {
        out.add(new JsonObject().put("name", n).put("value", v));
      }
    }
    return out;
  }

  private static JsonObject silence(String id, Object matchers, OffsetDateTime startsAt, OffsetDateTime until,
      String comment, String createdBy) {
    return new JsonObject().put("id", id).put("matchers", matchers).put("startsAt", startsAt.toInstant().toString())
        .put("until", until.toInstant().toString()).put("comment", comment).put("createdBy", createdBy);
  }

  public void listSilences(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    pool.query(AlertSql.ACTIVE_SILENCES).execute().onSuccess(rs -> {
      JsonArray out = new JsonArray();
      for (Row r : rs) {
        out.add(silence(r.getString(0), r.getJsonArray(1), r.getOffsetDateTime(2), r.getOffsetDateTime(3),
            r.getString(4), r.getString(5)));
      }
      ctx.json(new JsonObject().put("silences", out));
    }).onFailure(ctx::fail);
  }

  public void deleteSilence(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    String id = ctx.pathParam("silenceId");
    pool.preparedQuery(AlertSql.DELETE_SILENCE).execute(Tuple.of(id)).onSuccess(rs -> {
      if (rs.rowCount() == 0) {
        ctx.fail(ApiException.notFound("no silence '" + id + "'"));
        return;
      }
      vertx.eventBus().publish(AlertBus.RELOAD, "silences");
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  // ---------------------------------------------------------------- alert lists

  public void putList(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    String id = ctx.pathParam("listId");
    JsonObject body = object(ctx);
    JsonArray errors = new JsonArray();
    if (!RuleReader.ID.matcher(id).matches()) {
      errors.add(Problems.error(null, "id", "list id must be 1-64 characters of a-z 0-9 . _ -"));
    }
    unknown(body, Set.of("hashes"), errors);
    Set<String> hashes = new LinkedHashSet<>();
    if (!(body.getValue("hashes") instanceof JsonArray a)) {
      errors.add(Problems.error(null, "hashes", "is required: a list of document hashes (16-128 hex digits each, "
          + "keyed hashes made at the posts; never document numbers)"));
    } else if (a.size() > MAX_HASHES) {
      errors.add(Problems.error(null, "hashes", "at most " + MAX_HASHES + " hashes per list"));
    } else {
      int bad = 0;
      for (int i = 0; i < a.size(); i++) {
        if (a.getValue(i) instanceof String h && HASH.matcher(h).matches()) {
          hashes.add(h.toLowerCase());
        } else if (bad++ < 20) {
          errors.add(Problems.error(null, "hashes[" + i + "]", "must be 16-128 hex digits (a keyed hash of the "
              + "document number, never the number itself)"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(422, "Invalid alert list", "the list has problems; nothing was changed", errors);
    }
    String[] all = hashes.toArray(String[]::new);
    pool.withTransaction(conn -> conn.preparedQuery(AlertSql.UPSERT_LIST).execute(Tuple.of(id))
            .compose(rs -> conn.preparedQuery(AlertSql.DELETE_LIST_HASHES_NOT_IN)
                .execute(Tuple.of(id).addArrayOfString(all))
                .compose(x -> conn.preparedQuery(AlertSql.INSERT_LIST_HASHES).execute(Tuple.of(id)
                    .addArrayOfString(all)))
                .map(x -> rs.iterator().next().getBoolean(0))))
        .onSuccess(created -> {
          vertx.eventBus().publish(AlertBus.RELOAD, "lists");
          ctx.response().setStatusCode(created ? 201 : 200).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("id", id).put("size", all.length).encode());
        }).onFailure(ctx::fail);
  }

  public void getList(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    String id = ctx.pathParam("listId");
    pool.preparedQuery(AlertSql.GET_LIST).execute(Tuple.of(id)).compose(rs -> {
      if (!rs.iterator().hasNext()) {
        throw ApiException.notFound("no alert list '" + id + "'");
      }
      JsonObject list = listSummary(rs.iterator().next());
      return pool.preparedQuery(AlertSql.LIST_HASHES).execute(Tuple.of(id)).map(hs -> {
        JsonArray hashes = new JsonArray();
        hs.forEach(h -> hashes.add(h.getString(0)));
        return list.put("hashes", hashes);
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void listLists(RoutingContext ctx) {
    QueryScope.of(Authenticator.principal(ctx));
    pool.query(AlertSql.LIST_LISTS).execute().onSuccess(rs -> {
      List<JsonObject> out = new ArrayList<>();
      rs.forEach(r -> out.add(listSummary(r)));
      ctx.json(new JsonObject().put("lists", new JsonArray(out)));
    }).onFailure(ctx::fail);
  }

  private static JsonObject listSummary(Row r) {
    return new JsonObject().put("id", r.getString(0)).put("size", r.getLong(2))
        .put("updatedAt", r.getOffsetDateTime(1).toInstant().toString());
  }

  // ---------------------------------------------------------------- helpers

  private static JsonObject object(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw ApiException.badRequest("the body is not a JSON object");
    }
    if (body == null) {
      throw ApiException.badRequest("send a JSON object; see docs/alerting.md");
    }
    return body;
  }

  private static String text(JsonObject body, String field, boolean required, int max, JsonArray errors) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        errors.add(Problems.error(null, field, "is required: a text of at most " + max + " characters"));
      }
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > max) {
      errors.add(Problems.error(null, field, "a non-empty text of at most " + max + " characters"));
      return null;
    }
    return s;
  }

  private static void unknown(JsonObject body, Set<String> allowed, JsonArray errors) {
    for (String f : body.fieldNames()) {
      if (!allowed.contains(f)) {
        errors.add(Problems.error(null, f, "unknown field; allowed: " + String.join(", ", allowed)));
      }
    }
  }
}
