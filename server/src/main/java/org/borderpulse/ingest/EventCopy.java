package org.borderpulse.ingest;

import java.io.ByteArrayInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A batch's rows in PostgreSQL's binary COPY format, in the column order of
 * {@link IngestSql#COPY_EVENTS}: a signature and two empty header words; per row the number of
 * columns, then each value as its length (−1 for NULL) and its bytes in the type's binary form
 * (text as UTF-8, integers big-endian, timestamptz as microseconds and date as days since
 * 2000-01-01); a −1 after the last row. PostgreSQL reads this form with no text parsing at all.
 */
public final class EventCopy {
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
      0, 0, 0, 0, 0, 0, 0, 0};
  private static final int COLUMNS = 19;
  /** Bytes per row, enough for most events (a longer one grows the buffer). */
  private static final int ROW_BYTES = 280;
  /** 2000-01-01, PostgreSQL's epoch, in Unix epoch microseconds and days. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
  private static final int PG_EPOCH_DAYS = 10_957;

  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buf;
  private int pos;

  private EventCopy(int capacity) {
    buf = new byte[capacity];
  }

  /**
   * A batch's rows, encoded before its sequence number is drawn: {@link #withBatchSeq} writes it
   * into every row (the first column, {@value #SEQ_OFFSET} bytes into the row) when it is known.
   */
  public static final class Rows {
    private final byte[] bytes;
    private final int length;
    private final int[] starts;

    private Rows(byte[] bytes, int length, int[] starts) {
      this.bytes = bytes;
      this.length = length;
      this.starts = starts;
    }

    public int count() {
      return starts.length;
    }

    /** The rows under this sequence number, to send (again, under another number, if an attempt failed). */
    public ByteArrayInputStream withBatchSeq(long seq) {
      for (int start : starts) {
        LONG.set(bytes, start + SEQ_OFFSET, seq);
      }
      return new ByteArrayInputStream(bytes, 0, length);
    }
  }

  /** Where a row's batch_seq value starts: after the column count (2 bytes) and its length (4). */
  private static final int SEQ_OFFSET = 6;

  /** The rows of the events, in their order; their sequence number comes later. */
  public static Rows encode(List<EventStore.Indexed> events) {
    EventCopy c = new EventCopy(HEADER.length + events.size() * ROW_BYTES + 2);
    c.bytes(HEADER, 0, HEADER.length);
    int[] starts = new int[events.size()];
    for (int i = 0; i < starts.length; i++) {
      EventStore.Indexed x = events.get(i);
      starts[i] = c.pos;
      c.row(x.event(), x.contentHash());
    }
    c.int16(-1);
    return new Rows(c.buf, c.pos, starts);
  }

  private void row(Event e, byte[] contentHash) {
    int16(COLUMNS);
    int32(8);
    int64(0);
    text(e.id());
    text(e.type());
    text(e.post());
    text(e.workstation());
    int32(8);
    int64(EventStore.epochMicros(e.occurredAt()) - PG_EPOCH_MICROS);
    int32(4);
    int32((int) e.localDay().toEpochDay() - PG_EPOCH_DAYS);
    text(e.outcome());
    text(e.documentType());
    text(e.issuingCountry());
    text(e.nationality());
    text(e.fraudType());
    text(e.documentHash());
    text(e.direction());
    text(e.reason());
    integer(e.persons());
    integer(e.count());
    integer(e.periodMinutes());
    int32(contentHash.length);
    bytes(contentHash, 0, contentHash.length);
  }

  /**
   * UTF-8 bytes: for the ASCII that validated events hold, {@code getBytes} is a vectorised copy
   * of the String's own bytes, several times faster than a char loop.
   */
  private void text(String s) {
    if (s == null) {
      int32(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int32(b.length);
    bytes(b, 0, b.length);
  }

  private void integer(Integer v) {
    if (v == null) {
      int32(-1);
    } else {
      int32(4);
      int32(v);
    }
  }

  private void int16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void int32(int v) {
    ensure(4);
    INT.set(buf, pos, v);
    pos += 4;
  }

  private void int64(long v) {
    ensure(8);
    LONG.set(buf, pos, v);
    pos += 8;
  }

  private void bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }
}
