package org.borderpulse.rollup;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * After a commit, the new absolute values of the changed rollup rows go out on the event bus.
 * Within a node the message is passed by reference (the rows are immutable); across nodes it
 * travels as the compact JSON of {@link RollupRow#toJson()}.
 */
public final class RollupBus {
  public static final String ROWS = "borderpulse.rollup.rows";

  private RollupBus() {}

  /** The rows of one committed batch. */
  public record Rows(List<RollupRow> rows) {
    public Rows {
      rows = List.copyOf(rows);
    }
  }

  /** Registers the codec of {@link Rows} once per Vert.x instance; both publishers and consumers call it. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(Rows.class, new RowsCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // one registration per Vert.x instance is enough
    }
  }

  public static void publish(Vertx vertx, List<RollupRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    vertx.eventBus().publish(ROWS, new Rows(rows));
  }

  /** By reference within the node, compact JSON on the wire. */
  static final class RowsCodec implements MessageCodec<Rows, Rows> {
    @Override
    public void encodeToWire(Buffer buffer, Rows rows) {
      JsonArray body = new JsonArray();
      rows.rows().forEach(r -> body.add(r.toJson()));
      Buffer json = body.toBuffer();
      buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public Rows decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      JsonArray body = new JsonArray(buffer.getBuffer(pos + 4, pos + 4 + length));
      List<RollupRow> rows = new ArrayList<>(body.size());
      for (int i = 0; i < body.size(); i++) {
        rows.add(RollupRow.fromJson(body.getJsonArray(i)));
      }
      return new Rows(rows);
    }

    @Override
    public Rows transform(Rows rows) {
      return rows;
    }

    @Override
    public String name() {
      return "borderpulse-rollup-rows";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
