package org.borderpulse.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.borderpulse.alert.AlertBus;
import org.borderpulse.auth.Authenticator;
import org.borderpulse.auth.Principal;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.http.ApiException;
import org.borderpulse.http.Problems;
import org.borderpulse.rollup.RollupBus;

/** {@code POST /api/v1/events}: answers 200 only after the batch is committed. */
public final class IngestApi {
  /** Bodies larger than this are parsed, and batches larger than the next validated, on a worker. */
  private static final int INLINE_LIMIT = 64 * 1024;
  private static final int INLINE_EVENTS = 200;
  private final Vertx vertx;
  private final PostCatalog catalog;
  private final EventStore store;
  private final EventValidator validator;

  public IngestApi(Vertx vertx, PostCatalog catalog, EventStore store, Clock clock) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.store = store;
    this.validator = new EventValidator(catalog::get, clock);
    RollupBus.register(vertx);
    AlertBus.register(vertx);
  }

  public void ingest(RoutingContext ctx) {
    Principal who = Authenticator.principal(ctx);
    boolean ndjson = isNdjson(ctx.request().getHeader("Content-Type"));
    Buffer body = ctx.body().buffer();
    Future<List<EventReader.Raw>> raw = body != null && body.length() > INLINE_LIMIT
        ? vertx.executeBlocking(() -> EventReader.read(body, ndjson), false)
        : Future.succeededFuture(EventReader.read(body, ndjson));
    raw.compose(events -> authorize(who, events))
        .compose(this::validateKnowingPosts)
        .compose(v -> store.store(v.batch())
            .onSuccess(r -> AlertBus.publishEvents(vertx, r, v.batch().sorted())))
        .onSuccess(r -> {
          RollupBus.publish(vertx, r.batchSeq(), r.deltas());
          ctx.response().putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("accepted", r.accepted()).put("duplicates", r.duplicates()).encode());
        })
        .onFailure(ctx::fail);
  }

  /** 415 unless the body is JSON or NDJSON; parameters such as charset are allowed. */
  private static boolean isNdjson(String contentType) {
    String mt = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
    return switch (mt) {
      case "application/json" -> false;
      case "application/x-ndjson", "application/ndjson" -> true;
      default -> throw new ApiException(415, "Unsupported media type",
          "send Content-Type: application/json (a JSON array of events) or application/x-ndjson (one event per line)"
              + (mt.isEmpty() ? "" : ", not " + mt));
    };
  }

  /** 403 naming the events whose post this token may not write. */
  private static Future<List<EventReader.Raw>> authorize(Principal who, List<EventReader.Raw> events) {
    if (who.isAdmin()) {
      return Future.succeededFuture(events);
    }
    JsonArray denied = new JsonArray();
    for (EventReader.Raw r : events) {
      if (r.value() instanceof JsonObject o && o.getValue("post") instanceof String post && !who.mayWrite(post)) {
        denied.add(Problems.error(r.index(), "post", "this token writes only post '" + who.postId()
            + "', not '" + post + "'"));
      }
    }
    return denied.isEmpty() ? Future.succeededFuture(events) : Future.failedFuture(new ApiException(403,
        "Forbidden", "the batch has events for posts this token may not write; nothing was stored", denied));
  }

  /**
   * Validates the batch; when an invalid event names a post this node does not know (created on
   * another node since it loaded its catalog), the catalog is reloaded once and the batch
   * validated again. Large batches are validated on a worker.
   */
  private Future<Validated> validateKnowingPosts(List<EventReader.Raw> events) {
    return validated(events)
        .compose(v -> v.unknownPost() ? catalog.reload().compose(x -> validated(events)) : Future.succeededFuture(v))
        .map(Validated::orFail);
  }

  private Future<Validated> validated(List<EventReader.Raw> events) {
    return events.size() > INLINE_EVENTS
        ? vertx.executeBlocking(() -> validate(events), false)
        : Future.succeededFuture(validate(events));
  }

  /**
   * The valid events, unique by id, prepared for storing; or the problems, and whether an
   * unknown post may explain some.
   */
  private record Validated(EventStore.Batch batch, JsonArray errors, int total, boolean unknownPost) {
    /** 422 with every problem when there is one. */
    Validated orFail() {
      if (errors.isEmpty()) {
        return this;
      }
      long bad = errors.stream().map(o -> ((JsonObject) o).getInteger("index")).distinct().count();
      throw new ApiException(422, "Invalid events",
          bad + " of " + total + " event(s) are invalid; nothing from this batch was stored", errors);
    }
  }

  private Validated validate(List<EventReader.Raw> raws) {
    JsonArray errors = new JsonArray();
    List<EventStore.Indexed> unique = new ArrayList<>(raws.size());
    Map<String, EventStore.Indexed> byId = new HashMap<>(raws.size() * 2);
    int repeated = 0;
    boolean unknownPost = false;
    Instant latest = validator.latest();
    for (EventReader.Raw raw : raws) {
      Event e = validator.validate(raw, errors, latest);
      if (e == null) {
        unknownPost |= raw.value() instanceof JsonObject o && o.getValue("post") instanceof String p
            && catalog.get(p).isEmpty();
        continue;
      }
      EventStore.Indexed indexed = new EventStore.Indexed(raw.index(), e);
      EventStore.Indexed first = byId.putIfAbsent(e.id(), indexed);
      if (first == null) {
        unique.add(indexed);
      } else if (java.util.Arrays.equals(first.contentHash(), indexed.contentHash())) {
        repeated++;
      } else {
        errors.add(Problems.error(raw.index(), "id", "id '" + e.id() + "' is used by event " + first.index()
            + " of this batch with different content; a new record needs a new id"));
      }
    }
    // prepared here, on the thread that validated the events, while they are in its caches
    return new Validated(errors.isEmpty() ? EventStore.prepare(unique, repeated) : null, errors, raws.size(),
        unknownPost);
  }
}
