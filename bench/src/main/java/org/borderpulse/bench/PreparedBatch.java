package org.borderpulse.bench;

import java.util.List;
import org.borderpulse.ingest.Event;

/**
 * One batch, encoded before the clock starts both ways: the JSON body the ingest API receives
 * and the COPY text of the same rows. {@code seq} is the batch_seq the COPY rows carry.
 */
record PreparedBatch(long seq, int rows, byte[] json, byte[] copy) {

  static PreparedBatch of(long seq, List<Event> events) {
    return new PreparedBatch(seq, events.size(), EventJson.array(events), CopyRows.encode(events, seq));
  }
}
