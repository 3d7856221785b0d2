package org.borderpulse.rollup;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * After a commit, the batch's rollup deltas go out on the event bus: the cube adds them at once,
 * the rollup writer stores them ({@code rollup_block}) behind the transaction. Within a node the
 * message is passed by reference (the deltas are immutable); across nodes it travels as compact
 * JSON.
 */
public final class RollupBus {
  public static final String DELTAS = "borderpulse.rollup.deltas";

  private RollupBus() {}

  /** The rollup deltas of one committed batch and its sequence number. */
  public record Deltas(long seq, List<RollupStore.Delta> deltas) {
    public Deltas {
      deltas = List.copyOf(deltas);
    }
  }

  /** Registers the codec of {@link Deltas} once per Vert.x instance; both publishers and consumers call it. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(Deltas.class, new DeltasCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // one registration per Vert.x instance is enough
    }
  }

  /** Every committed batch that stored events, even one whose deltas are empty: the writer marks it rolled. */
  public static void publish(Vertx vertx, long seq, List<RollupStore.Delta> deltas) {
    if (seq > 0) {
      vertx.eventBus().publish(DELTAS, new Deltas(seq, deltas));
    }
  }

  /** By reference within the node, compact JSON on the wire. */
  static final class DeltasCodec implements MessageCodec<Deltas, Deltas> {
    @Override
    public void encodeToWire(Buffer buffer, Deltas d) {
      JsonArray rows = new JsonArray();
      d.deltas().forEach(x -> rows.add(new JsonArray().add(x.day().toEpochDay()).add(x.dimensions()).add(x.value())
          .add(x.events())));
      Buffer json = new JsonArray().add(d.seq()).add(rows).toBuffer();
      buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public Deltas decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      JsonArray body = new JsonArray(buffer.getBuffer(pos + 4, pos + 4 + length));
      JsonArray rows = body.getJsonArray(1);
      List<RollupStore.Delta> deltas = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        JsonArray a = rows.getJsonArray(i);
        deltas.add(new RollupStore.Delta(LocalDate.ofEpochDay(a.getLong(0)), a.getString(1), a.getLong(2),
            a.getLong(3)));
      }
      return new Deltas(body.getLong(0), deltas);
    }

    @Override
    public Deltas transform(Deltas d) {
      return d;
    }

    @Override
    public String name() {
      return "borderpulse-rollup-deltas";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
