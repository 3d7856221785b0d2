package org.borderpulse.alert;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.borderpulse.ingest.Event;
import org.borderpulse.ingest.EventStore;

/** Event-bus addresses of the alerting, and the compact feed of committed events it reads. */
public final class AlertBus {
  /** After commit: the batch's events in a compact form (see {@link #publishEvents}). */
  public static final String EVENTS = "borderpulse.alert.events";
  /** An alert changed state (or was acknowledged): its JSON, for live {@code alert} frames. */
  public static final String CHANGED = "borderpulse.alert.changed";
  /** Rules, alert lists or silences changed: the evaluator reloads them. */
  public static final String RELOAD = "borderpulse.alert.reload";
  /** Request: evaluate every rule now; replies when the pass is done (tests, operators). */
  public static final String EVALUATE = "borderpulse.alert.evaluate";
  /** Request: the post activity (when each post was last heard); replies with its JSON. */
  public static final String ACTIVITY = "borderpulse.alert.activity";
  /** Notifications were written to the outbox: deliver soon. */
  public static final String OUTBOX = "borderpulse.alert.outbox";

  private AlertBus() {}

  /**
   * Called by the ingest handler after a batch is committed. {@code accepted} below the number
   * of events means some were duplicates: the evaluator then keeps only the events stored under
   * this batch's sequence number (one look-up on the {@code event_batch} index).
   */
  public static void publishEvents(Vertx vertx, EventStore.Result r, List<EventStore.Indexed> events) {
    if (r.accepted() == 0 || events.isEmpty()) {
      return;
    }
    JsonArray rows = new JsonArray();
    for (EventStore.Indexed i : events) {
      rows.add(compact(i.event()));
    }
    vertx.eventBus().publish(EVENTS, new JsonObject().put("seq", r.batchSeq()).put("accepted", r.accepted())
        .put("events", rows));
  }

  static JsonArray compact(Event e) {
    int type = switch (e.type()) {
      case "document_check" -> 0;
      case "interception" -> 1;
      default -> 2;
    };
    long value = switch (type) {
      case 0 -> 1;
      case 1 -> e.persons() == null ? 1 : e.persons();
      default -> e.count() == null ? 0 : e.count();
    };
    return new JsonArray().add(e.id()).add(type).add(e.post()).add(e.workstation())
        .add(e.occurredAt().toEpochSecond()).add(e.outcome()).add(e.documentType()).add(e.fraudType())
        .add(e.issuingCountry()).add(e.nationality()).add(e.reason()).add(e.direction()).add(value)
        .add(e.documentHash());
  }
}
