package org.borderpulse.alert;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.borderpulse.ingest.Event;
import org.borderpulse.ingest.EventStore;

/** Event-bus addresses of the alerting, and the compact feed of committed events it reads. */
public final class AlertBus {
  /** After commit: the batch's new events ({@link Batch}, see {@link #publishEvents}). */
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

  /** A committed batch's new events: by reference within the node, JSON between nodes ({@link BatchCodec}). */
  public record Batch(long seq, int accepted, List<Event> events) {}

  /** Registers the codec of {@link Batch} once per Vert.x instance; publishers and consumers call it. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(Batch.class, new BatchCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // one registration per Vert.x instance is enough
    }
  }

  /**
   * Called by the ingest handler after a batch is committed. {@code accepted} below the number
   * of events means some were duplicates: the evaluator then keeps only the events stored under
   * this batch's sequence number (one look-up on the {@code event_batch} index).
   */
  public static void publishEvents(Vertx vertx, EventStore.Result r, List<EventStore.Indexed> events) {
    if (r.accepted() == 0 || events.isEmpty()) {
      return;
    }
    List<Event> list = new ArrayList<>(events.size());
    for (EventStore.Indexed i : events) {
      list.add(i.event());
    }
    vertx.eventBus().publish(EVENTS, new Batch(r.batchSeq(), r.accepted(), list));
  }

  /** The events are immutable records: passed as they are within the node; as JSON arrays on the wire. */
  static final class BatchCodec implements MessageCodec<Batch, Batch> {
    @Override
    public void encodeToWire(Buffer buffer, Batch b) {
      JsonArray events = new JsonArray();
      for (Event e : b.events()) {
        events.add(new JsonArray().add(e.id()).add(e.type()).add(e.post()).add(e.workstation())
            .add(e.occurredAt().toString()).add(e.localDay().toString()).add(e.localHour()).add(e.outcome())
            .add(e.documentType()).add(e.issuingCountry()).add(e.nationality()).add(e.fraudType())
            .add(e.documentHash()).add(e.direction()).add(e.reason()).add(e.persons()).add(e.count())
            .add(e.periodMinutes()));
      }
      Buffer json = new JsonObject().put("seq", b.seq()).put("accepted", b.accepted()).put("events", events)
          .toBuffer();
      buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public Batch decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      JsonObject body = new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
      JsonArray rows = body.getJsonArray("events");
      List<Event> events = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        JsonArray a = rows.getJsonArray(i);
        events.add(new Event(a.getString(0), a.getString(1), a.getString(2), a.getString(3),
            OffsetDateTime.parse(a.getString(4)), LocalDate.parse(a.getString(5)), a.getInteger(6), a.getString(7),
            a.getString(8), a.getString(9), a.getString(10), a.getString(11), a.getString(12), a.getString(13),
            a.getString(14), a.getInteger(15), a.getInteger(16), a.getInteger(17)));
      }
      return new Batch(body.getLong("seq"), body.getInteger("accepted"), events);
    }

    @Override
    public Batch transform(Batch b) {
      return b;
    }

    @Override
    public String name() {
      return "borderpulse-alert-batch";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
