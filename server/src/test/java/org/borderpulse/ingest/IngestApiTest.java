package org.borderpulse.ingest;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.borderpulse.support.TestServer.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.borderpulse.rollup.RollupWriter;
import org.borderpulse.support.Events;
import org.borderpulse.support.OneNodeTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class IngestApiTest extends OneNodeTest {
  private String bkkToken;

  @BeforeAll
  void prepare() {
    bkkToken = api.postToken("THA-BKK");
  }

  private long stored(String idPrefix) {
    return count(server, "SELECT count(*) FROM event WHERE id LIKE $1", idPrefix + "%");
  }

  @Test
  void batchIsStoredWithNormalisedFields() {
    JsonArray batch = new JsonArray()
        .add(Events.documentCheck("store-1", "THA-BKK", "THA-BKK-S01", "imposter").put("documentHash", "ABCDEF0123456789"))
        .add(Events.interception("store-2", "THA-BKK", "no_visa"))
        .add(Events.crossing("store-3", "THA-BKK", 1200));
    HttpResponse<Buffer> r = await(api.send(bkkToken, batch));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(new JsonObject().put("accepted", 3).put("duplicates", 0), r.bodyAsJsonObject());
    assertEquals(3, stored("store-"));
    // Defaults applied, hash lower-cased, the day is the post's own (Bangkok) day.
    assertEquals(1, count(server, "SELECT persons FROM event WHERE id = 'store-2'"));
    assertEquals(60, count(server, "SELECT period_minutes FROM event WHERE id = 'store-3'"));
    assertEquals(1, count(server, "SELECT count(*) FROM event WHERE id = 'store-1' AND document_hash = 'abcdef0123456789'"));
    // 2023-01-10T23:30Z is 06:30 on 11 January in Bangkok.
    assertEquals(1, count(server, "SELECT count(*) FROM event WHERE id = 'store-2' AND local_day = DATE '2023-01-11'"));
    assertEquals(1, count(server, "SELECT count(*) FROM ingest_batch b JOIN event e ON e.batch_seq = b.seq "
        + "WHERE e.id = 'store-1' AND b.events = 3"));
  }

  @Test
  void absentValuesAreStoredAsNullAlsoInABatchOfOne() {
    assertEquals(200, await(api.send(bkkToken, new JsonArray().add(Events.crossing("alone-1", "THA-BKK", 7))))
        .statusCode());
    assertEquals(1, count(server, "SELECT count(*) FROM event WHERE id = 'alone-1' AND workstation_id IS NULL "
        + "AND outcome IS NULL AND document_type IS NULL AND issuing_country IS NULL AND nationality IS NULL "
        + "AND fraud_type IS NULL AND document_hash IS NULL AND reason IS NULL AND persons IS NULL "
        + "AND direction = 'exit' AND count = 7 AND period_minutes = 60 AND post_id = 'THA-BKK' AND type = 'crossing_count'"));
  }

  @Test
  void timesAreStoredToTheMicrosecondWithThePostsLocalDay() {
    JsonArray batch = new JsonArray()
        .add(Events.crossing("time-1", "THA-BKK", 5).put("occurredAt", "2024-02-29T23:59:59.123456+07:00"))
        .add(Events.crossing("time-2", "THA-BKK", 5).put("occurredAt", "2024-02-29T17:00:00.5Z"))
        .add(Events.crossing("time-3", "THA-BKK", 5).put("occurredAt", "1999-12-31T23:59:59.999999999-11:00"));
    assertEquals(200, await(api.send(bkkToken, batch)).statusCode());
    // to the microsecond; nanoseconds beyond it are cut, as timestamptz holds microseconds
    assertEquals(1, count(server, "SELECT count(*) FROM event WHERE id = 'time-1' "
        + "AND occurred_at = TIMESTAMPTZ '2024-02-29T16:59:59.123456Z' AND local_day = DATE '2024-02-29'"));
    assertEquals(1, count(server, "SELECT count(*) FROM event WHERE id = 'time-2' "
        + "AND occurred_at = TIMESTAMPTZ '2024-02-29T17:00:00.5Z' AND local_day = DATE '2024-03-01'"));
    assertEquals(1, count(server, "SELECT count(*) FROM event WHERE id = 'time-3' "
        + "AND occurred_at = TIMESTAMPTZ '2000-01-01T10:59:59.999999Z' AND local_day = DATE '2000-01-01'"));
  }

  /** Events with every optional field somewhere, ids {@code prefix-0 …}. */
  private static JsonArray everyField(String prefix) {
    return new JsonArray()
        .add(Events.documentCheck(prefix + "-0", "THA-BKK", "THA-BKK-S01", "fraudulent_document")
            .put("issuingCountry", "VNM").put("fraudType", "forged").put("documentHash", "00ff7a00ff7a00ff7a")
            .put("occurredAt", "2025-12-31T23:59:59.999999+07:00"))
        .add(Events.documentCheck(prefix + "-1", "THA-BKK", "THA-BKK-P02", "genuine").put("documentType", "visa"))
        .add(Events.interception(prefix + "-2", "THA-BKK", "no_visa").put("persons", 3).put("nationality", "MMR"))
        .add(Events.interception(prefix + "-3", "THA-BKK", "false_document").put("workstation", "THA-BKK-S01")
            .put("direction", "exit"))
        .add(Events.crossing(prefix + "-4", "THA-BKK", 0).put("periodMinutes", 1440))
        .add(Events.crossing(prefix + "-5", "THA-BKK", 10_000_000).put("occurredAt", "1990-01-01T00:00:00Z"));
  }

  @Test
  void theFastAndTheCheckedPathStoreTheSameValues() {
    // new ids only: the binary COPY; then the same records under other ids with one known id: the checked insert
    assertEquals(new JsonObject().put("accepted", 6).put("duplicates", 0),
        await(api.send(bkkToken, everyField("fast"))).bodyAsJsonObject());
    JsonArray checked = everyField("slow").add(everyField("fast").getJsonObject(0));
    assertEquals(new JsonObject().put("accepted", 6).put("duplicates", 1),
        await(api.send(bkkToken, checked)).bodyAsJsonObject(), "the COPY stored the content hash the server computes");
    assertEquals(6, count(server, "SELECT count(*) FROM event f JOIN event s ON s.id = 'slow' || substr(f.id, 5) "
        + "WHERE f.id LIKE 'fast-%' AND f.batch_seq <> s.batch_seq AND length(f.content_hash) = 32 "
        + "AND (f.type, f.post_id, f.workstation_id, f.occurred_at, f.local_day, f.outcome, f.document_type, "
        + "f.issuing_country, f.nationality, f.fraud_type, f.document_hash, f.direction, f.reason, f.persons, f.count, "
        + "f.period_minutes) IS NOT DISTINCT FROM (s.type, s.post_id, s.workstation_id, s.occurred_at, s.local_day, "
        + "s.outcome, s.document_type, s.issuing_country, s.nationality, s.fraud_type, s.document_hash, s.direction, "
        + "s.reason, s.persons, s.count, s.period_minutes)"));
    assertEquals(2, count(server, "SELECT count(*) FROM ingest_batch WHERE events = 6 AND seq IN "
        + "(SELECT batch_seq FROM event WHERE id IN ('fast-0', 'slow-0'))"));
    assertEquals(1, count(server, "SELECT count(*) FROM event WHERE id = 'fast-5' AND count = 10000000 "
        + "AND occurred_at = TIMESTAMPTZ '1990-01-01T00:00:00Z' AND local_day = DATE '1990-01-01'"));
    assertRollupsMatchEvents();
  }

  @Test
  void aPostAnotherNodeCreatedIsFoundByReloadingTheCatalog() {
    // written straight to the database, as another node's admin API would: this node has not loaded it
    await(server.pool().query("INSERT INTO post (id, name, country, kind, time_zone) VALUES "
        + "('LAO-NEW', 'New bridge', 'LAO', 'land', 'Asia/Vientiane')").execute());
    await(server.pool().query("INSERT INTO workstation (post_id, id, name) VALUES ('LAO-NEW', 'LAO-NEW-P01', 'Desk 1')")
        .execute());
    JsonArray batch = new JsonArray().add(Events.documentCheck("new-1", "LAO-NEW", "LAO-NEW-P01", "genuine"))
        .add(Events.documentCheck("new-2", "LAO-NEW", "LAO-NEW-P02", "genuine"));
    HttpResponse<Buffer> r = await(api.send(ADMIN_TOKEN, batch));
    assertEquals(422, r.statusCode(), "known after the reload, the post is checked as any other");
    assertEquals("post 'LAO-NEW' has no workstation 'LAO-NEW-P02' (it has LAO-NEW-P01)",
        r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message"));
    batch.remove(1);
    assertEquals(200, await(api.send(ADMIN_TOKEN, batch)).statusCode());
    assertEquals(1, stored("new-"));
  }

  @Test
  void ndjsonBatchIsStoredAndBlankLinesIgnored() {
    String body = Events.interception("nd-1", "THA-BKK", "threat").encode() + "\n\n"
        + Events.crossing("nd-2", "THA-BKK", 5).encode() + "\r\n";
    HttpResponse<Buffer> r = await(api.send(bkkToken, "application/x-ndjson", Buffer.buffer(body)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(2, r.bodyAsJsonObject().getInteger("accepted"));
    assertEquals(2, stored("nd-"));
  }

  @Test
  void ndjsonLineThatIsNotJsonIsNamedByLine() {
    String body = Events.crossing("ndbad-1", "THA-BKK", 5).encode() + "\n{not json\n";
    HttpResponse<Buffer> r = await(api.send(bkkToken, "application/x-ndjson", Buffer.buffer(body)));
    assertEquals(400, r.statusCode());
    JsonObject err = r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals(2, err.getInteger("line"));
    assertEquals(0, stored("ndbad-"));
  }

  /** Sends the batches at once; each must answer 200, and its counts add to accepted and duplicates. */
  private List<Future<HttpResponse<Buffer>>> sendAll(VertxTestContext ctx, AtomicInteger accepted,
      AtomicInteger duplicates, JsonArray... batches) {
    Checkpoint answered = ctx.checkpoint(batches.length);
    List<Future<HttpResponse<Buffer>>> sends = java.util.Arrays.stream(batches).map(b -> api.send(bkkToken, b)).toList();
    for (Future<HttpResponse<Buffer>> f : sends) {
      f.onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        accepted.addAndGet(r.bodyAsJsonObject().getInteger("accepted"));
        duplicates.addAndGet(r.bodyAsJsonObject().getInteger("duplicates"));
        answered.flag();
      })));
    }
    return sends;
  }

  @Test
  void sameBatchSentThreeTimesConcurrentlyIsStoredOnce(VertxTestContext ctx) {
    JsonArray batch = Events.batch("conc", 500);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    List<Future<HttpResponse<Buffer>>> sends = sendAll(ctx, accepted, duplicates, batch, batch, batch);
    Future.all(sends).onComplete(ctx.succeeding(x -> node.vertx.executeBlocking(() -> {
      ctx.verify(() -> {
        assertEquals(500, accepted.get());
        assertEquals(1000, duplicates.get());
        assertEquals(500, stored("conc-"));
        assertEquals(1, count(server, "SELECT count(DISTINCT batch_seq) FROM event WHERE id LIKE 'conc-%'"));
      });
      return null;
    })));
  }

  /**
   * Every stored event is rolled up exactly once: after the writer's next write (it folds
   * committed batches behind the ingest transaction) the rollup table sums to the event table,
   * and every batch is marked folded.
   */
  private void assertRollupsMatchEvents() {
    await(node.vertx.eventBus().request(RollupWriter.FLUSH, null));
    assertEquals(0, count(server, "SELECT count(*) FROM ingest_batch WHERE NOT rolled"), "every batch folded");
    assertEquals(count(server, "SELECT count(*) FROM event"),
        count(server, "SELECT coalesce(sum(events), 0) FROM rollup_day"), "rollup events = stored events");
    assertEquals(count(server, "SELECT coalesce(sum(CASE type WHEN 'document_check' THEN 1 WHEN 'interception' "
            + "THEN persons ELSE count END), 0) FROM event"),
        count(server, "SELECT coalesce(sum(value), 0) FROM rollup_day"), "rollup values = stored values");
  }

  @Test
  void overlappingBatchesSentConcurrentlyStoreEachEventOnce(VertxTestContext ctx) {
    JsonArray all = Events.batch("ovl", 600);
    JsonArray first = new JsonArray(all.getList().subList(0, 400));
    JsonArray second = new JsonArray(all.getList().subList(200, 600));
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    List<Future<HttpResponse<Buffer>>> sends = sendAll(ctx, accepted, duplicates, first, second);
    Future.all(sends).onComplete(ctx.succeeding(x -> node.vertx.executeBlocking(() -> {
      ctx.verify(() -> {
        assertEquals(600, accepted.get());
        assertEquals(200, duplicates.get());
        assertEquals(600, stored("ovl-"));
        assertRollupsMatchEvents();
      });
      return null;
    })));
  }

  @Test
  void idReusedWithDifferentContentInAConcurrentBatchIs409ForOneOfThem(VertxTestContext ctx) {
    JsonObject shared = Events.crossing("race-0", "THA-BKK", 5);
    JsonArray first = Events.batch("race-a", 50).add(shared);
    JsonArray second = Events.batch("race-b", 50).add(shared.copy().put("count", 6));
    List<Future<HttpResponse<Buffer>>> sends = List.of(api.send(bkkToken, first), api.send(bkkToken, second));
    Future.all(sends).onComplete(ctx.succeeding(x -> node.vertx.executeBlocking(() -> {
      ctx.verify(() -> {
        List<Integer> codes = sends.stream().map(f -> f.result().statusCode()).sorted().toList();
        assertEquals(List.of(200, 409), codes, "one batch wins the id, the other is told it differs");
        boolean firstWon = sends.get(0).result().statusCode() == 200;
        assertEquals(50, stored("race-a-") + stored("race-b-"), "nothing of the rejected batch is stored");
        assertEquals(firstWon ? 50 : 0, stored("race-a-"));
        assertEquals(firstWon ? 5 : 6, count(server, "SELECT count FROM event WHERE id = 'race-0'"));
        assertRollupsMatchEvents();
      });
      ctx.completeNow();
      return null;
    })));
  }

  @Test
  void retryOfAPartlyStoredBatchStoresOnlyItsNewEvents() {
    JsonArray batch = Events.batch("part", 5);
    assertEquals(200, await(api.send(bkkToken, new JsonArray(batch.getList().subList(0, 3)))).statusCode());
    HttpResponse<Buffer> r = await(api.send(bkkToken, batch));
    assertEquals(new JsonObject().put("accepted", 2).put("duplicates", 3), r.bodyAsJsonObject());
    assertEquals(5, stored("part-"));
    assertEquals(2, count(server, "SELECT count(DISTINCT batch_seq) FROM event WHERE id LIKE 'part-%'"));
    assertRollupsMatchEvents();
  }

  @Test
  void repeatedEventInOneBatchCountsOnce() {
    JsonObject e = Events.crossing("rep-1", "THA-BKK", 7);
    HttpResponse<Buffer> r = await(api.send(bkkToken, new JsonArray().add(e).add(e.copy())));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(new JsonObject().put("accepted", 1).put("duplicates", 1), r.bodyAsJsonObject());
    assertEquals(1, stored("rep-"));
  }

  @Test
  void retryWithTheSameInstantInAnotherOffsetIsADuplicate() {
    JsonObject e = Events.crossing("offs-1", "THA-BKK", 7).put("occurredAt", "2024-02-29T08:00:00+08:00");
    assertEquals(200, await(api.send(bkkToken, new JsonArray().add(e))).statusCode());
    JsonObject sameInstant = e.copy().put("occurredAt", "2024-02-29T00:00:00Z");
    HttpResponse<Buffer> r = await(api.send(bkkToken, new JsonArray().add(sameInstant)));
    assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 1), r.bodyAsJsonObject());
  }

  @Test
  void idReusedWithDifferentContentIs409AndStoresNothing() {
    JsonObject original = Events.crossing("reuse-1", "THA-BKK", 10);
    assertEquals(200, await(api.send(bkkToken, new JsonArray().add(original))).statusCode());
    JsonArray second = new JsonArray()
        .add(Events.crossing("reuse-2", "THA-BKK", 1))
        .add(original.copy().put("count", 11));
    HttpResponse<Buffer> r = await(api.send(bkkToken, second));
    assertEquals(409, r.statusCode());
    assertEquals("application/problem+json", r.getHeader("Content-Type"));
    JsonObject err = r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals(1, err.getInteger("index"));
    assertEquals("id", err.getString("field"));
    assertEquals(1, stored("reuse-"), "the new event of the rejected batch must not be stored");
    assertEquals(10, count(server, "SELECT count FROM event WHERE id = 'reuse-1'"));
  }

  @Test
  void batchWithOneInvalidEventStoresNothingAndNamesIt() {
    JsonArray batch = Events.batch("inval", 5);
    batch.getJsonObject(3).put("outcome", "maybe");
    HttpResponse<Buffer> r = await(api.send(bkkToken, batch));
    assertEquals(422, r.statusCode());
    JsonObject problem = r.bodyAsJsonObject();
    assertEquals(1, problem.getJsonArray("errors").size(), problem.encodePrettily());
    JsonObject err = problem.getJsonArray("errors").getJsonObject(0);
    assertEquals(3, err.getInteger("index"));
    assertEquals("outcome", err.getString("field"));
    assertTrue(err.getString("message").contains("genuine, fraudulent_document, imposter"), err.encode());
    assertEquals(0, stored("inval-"));
  }

  @Test
  void everyProblemOfEveryEventIsReported() {
    JsonArray batch = new JsonArray()
        .add(new JsonObject().put("id", "bad id!").put("type", "document_check").put("post", "THA-BKK")
            .put("workstation", "NOPE").put("occurredAt", "yesterday").put("outcome", "genuine")
            .put("documentType", "passport").put("fraudType", "forged").put("passengerName", "X"))
        .add(Events.crossing("multi-2", "NO-SUCH-POST", -1))
        .add(Events.interception("multi-3", "THA-BKK", "no_visa").put("occurredAt",
            java.time.OffsetDateTime.now().plusHours(1).toString()).put("nationality", "XYZ"))
        .add("not an object");
    HttpResponse<Buffer> r = await(api.send(ADMIN_TOKEN, batch));
    assertEquals(422, r.statusCode());
    JsonArray errors = r.bodyAsJsonObject().getJsonArray("errors");
    List<String> got = errors.stream().map(o -> ((JsonObject) o).getInteger("index") + ":"
        + ((JsonObject) o).getString("field")).sorted().toList();
    assertEquals(List.of("0:fraudType", "0:id", "0:occurredAt", "0:passengerName", "0:workstation", "1:count",
        "1:post", "2:nationality", "2:occurredAt", "3:null"), got);
  }

  @Test
  void postTokenCannotWriteAnotherPost() {
    JsonArray batch = new JsonArray()
        .add(Events.crossing("authz-1", "THA-BKK", 1))
        .add(Events.crossing("authz-2", "SGP-SIN", 1));
    HttpResponse<Buffer> r = await(api.send(bkkToken, batch));
    assertEquals(403, r.statusCode());
    assertEquals(1, r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getInteger("index"));
    assertEquals(0, stored("authz-"));
    // The admin token may write any post.
    assertEquals(200, await(api.send(ADMIN_TOKEN, batch)).statusCode());
  }

  @Test
  void missingOrUnknownTokenIs401() {
    JsonArray batch = new JsonArray().add(Events.crossing("anon-1", "THA-BKK", 1));
    HttpResponse<Buffer> none = await(api.send(null, batch));
    assertEquals(401, none.statusCode());
    assertEquals("Bearer", none.getHeader("WWW-Authenticate"));
    assertEquals(401, await(api.send("bpp_not-a-token", batch)).statusCode());
    assertEquals(0, stored("anon-"));
  }

  @Test
  void otherContentTypeIs415() {
    HttpResponse<Buffer> r = await(api.send(bkkToken, "text/csv", Buffer.buffer("id,type\n")));
    assertEquals(415, r.statusCode());
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("application/x-ndjson"));
  }

  @Test
  void moreThanTenThousandEventsIs413() {
    HttpResponse<Buffer> r = await(api.send(bkkToken, Events.batch("many", 10_001)));
    assertEquals(413, r.statusCode());
    assertEquals(0, stored("many-"));
  }

  @Test
  void bodyOverEightMebibytesIs413() {
    Buffer big = Buffer.buffer("[\"" + "x".repeat(8 * 1024 * 1024) + "\"]");
    assertEquals(413, await(api.send(bkkToken, "application/json", big)).statusCode());
  }

  @Test
  void malformedBodyIs400() {
    HttpResponse<Buffer> r = await(api.send(bkkToken, "application/json", Buffer.buffer("[{\"id\":")));
    assertEquals(400, r.statusCode());
    assertEquals("application/problem+json", r.getHeader("Content-Type"));
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("not valid JSON"));
    assertEquals(400, await(api.send(bkkToken, "application/json", Buffer.buffer("{\"id\":\"x\"}"))).statusCode());
    assertEquals(400, await(api.send(bkkToken, "application/json", Buffer.buffer("[]"))).statusCode());
  }

  @Test
  void tenThousandEventBatchIsAcceptedWhole() {
    HttpResponse<Buffer> r = await(api.send(bkkToken, Events.batch("full", 10_000)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(10_000, r.bodyAsJsonObject().getInteger("accepted"));
    assertNull(r.getHeader("Retry-After"));
    assertEquals(10_000, stored("full-"));
  }
}
