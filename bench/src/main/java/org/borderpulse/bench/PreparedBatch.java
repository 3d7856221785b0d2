package org.borderpulse.bench;

import java.util.ArrayList;
import java.util.List;
import org.borderpulse.ingest.Event;
import org.borderpulse.ingest.EventCopy;
import org.borderpulse.ingest.EventStore;

/**
 * One batch, encoded before the clock starts three ways: the JSON body the ingest API receives,
 * the COPY text of the same rows and their binary COPY form. {@code seq} is the batch_seq the
 * COPY rows carry.
 */
record PreparedBatch(long seq, int rows, byte[] json, byte[] copy, byte[] binary) {

  static PreparedBatch of(long seq, List<Event> events) {
    List<EventStore.Indexed> indexed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      indexed.add(new EventStore.Indexed(i, events.get(i)));
    }
    return new PreparedBatch(seq, events.size(), EventJson.array(events), CopyRows.encode(events, seq),
        EventCopy.encode(indexed).withBatchSeq(seq).readAllBytes());
  }
}
