package org.borderpulse.query;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable objects (queries, finished answers) between verticles of one node by
 * reference: no copy, no encoding. Not for the clustered bus.
 */
public final class LocalCodec implements MessageCodec<Object, Object> {
  public static final String NAME = "borderpulse-local";

  /** Registers the codec once per Vert.x instance. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // one registration per Vert.x instance is enough
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    throw new UnsupportedOperationException("local messages only");
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("local messages only");
  }

  @Override
  public Object transform(Object o) {
    return o;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
