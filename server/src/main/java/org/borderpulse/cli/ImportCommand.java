package org.borderpulse.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.borderpulse.client.ApiClient;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code borderpulse import FILE}: sends a file of events through the public API in batches.
 * Event ids make it idempotent: re-running it after a failure stores nothing twice.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Send a CSV or NDJSON file of events to a server through POST /api/v1/events.",
        "CSV: a header row of event field names (id,type,post,workstation,occurredAt,...); empty cells are left out.",
        "Re-running is safe: ids make every event count once."})
public final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "a .csv or .ndjson file")
  Path file;

  @Option(names = "--server", required = true, paramLabel = "URL", description = "e.g. http://localhost:8080")
  URI server;

  @Option(names = "--token", required = true, paramLabel = "TOKEN",
      description = "admin token or the post token of the posts in the file (env BORDERPULSE_TOKEN works too)",
      defaultValue = "${env:BORDERPULSE_TOKEN}")
  String token;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "1000", description = "events per request (1-10000; default 1000)")
  int batchSize;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "8",
      description = "attempts per batch on 429, 503 or network errors, with backoff (default 8)")
  int retries;

  @Option(names = "--no-progress", description = "no progress bar (for logs)")
  boolean noProgress;

  private ApiClient client;
  private long accepted;
  private long duplicates;

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || batchSize > 10_000) {
      System.err.println("--batch must be between 1 and 10000");
      return 2;
    }
    if (!Files.isReadable(file)) {
      System.err.println("cannot read " + file);
      return 2;
    }
    client = new ApiClient(server);
    long started = System.nanoTime();
    try (EventFile events = new EventFile(file); ProgressBar bar = progressBar(Files.size(file))) {
      List<EventFile.Line> batch = new ArrayList<>(batchSize);
      int bytes = 0;
      EventFile.Line line;
      long sent = 0;
      while ((line = events.next()) != null) {
        batch.add(line);
        bytes += line.event().encode().length() + 1;
        if (batch.size() >= batchSize || bytes > 4 * 1024 * 1024) {
          send(batch);
          sent += batch.size();
          batch.clear();
          bytes = 0;
          step(bar, sent);
        }
      }
      if (!batch.isEmpty()) {
        send(batch);
        sent += batch.size();
        step(bar, sent);
      }
    } catch (ImportFailed e) {
      System.err.println();
      System.err.println("Import stopped: " + e.getMessage());
      System.err.println("Stored so far: " + accepted + " new, " + duplicates
          + " already there. Fix the file and run the same command again: nothing is stored twice.");
      return 1;
    } catch (IOException e) {
      System.err.println("Import stopped: " + file + ": " + e.getMessage());
      System.err.println("Stored so far: " + accepted + " new, " + duplicates + " already there.");
      return 1;
    }
    double secs = (System.nanoTime() - started) / 1e9;
    System.out.printf("Imported %s: %d new, %d already stored, in %.1f s (%.0f events/s)%n", file,
        accepted, duplicates, secs, (accepted + duplicates) / Math.max(secs, 1e-3));
    return 0;
  }

  private ProgressBar progressBar(long size) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("import").setInitialMax(-1)
        .setStyle(ProgressBarStyle.ASCII).setUnit(" events", 1).showSpeed();
    if (noProgress) {
      b.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
          new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
    }
    return b.build();
  }

  private static void step(ProgressBar bar, long sent) {
    bar.stepTo(sent);
  }

  private void send(List<EventFile.Line> batch) throws InterruptedException, ImportFailed {
    JsonArray body = new JsonArray();
    batch.forEach(l -> body.add(l.event()));
    ApiClient.Answer a = client.sendEventsReliably(token, body, retries, () -> false);
    if (!a.ok()) {
      throw new ImportFailed(a.retryable() ? "gave up after " + retries + " attempts (" + ApiClient.describe(a) + ")"
          : describe(a.status(), a.body(), batch));
    }
    JsonObject r = a.json();
    accepted += r.getLong("accepted", 0L);
    duplicates += r.getLong("duplicates", 0L);
  }

  /** The server's problem, with event indexes turned into lines of the file. */
  private static String describe(int status, String body, List<EventFile.Line> batch) {
    StringBuilder sb = new StringBuilder("the server answered " + status);
    try {
      JsonObject p = new JsonObject(body);
      sb.append(": ").append(p.getString("detail", p.getString("title", "")));
      JsonArray errors = p.getJsonArray("errors");
      if (errors != null) {
        for (int i = 0; i < Math.min(errors.size(), 20); i++) {
          JsonObject e = errors.getJsonObject(i);
          Integer index = e.getInteger("index");
          sb.append("\n  ");
          if (index != null && index < batch.size()) {
            sb.append("line ").append(batch.get(index).line()).append(": ");
          }
          if (e.getString("field") != null) {
            sb.append(e.getString("field")).append(' ');
          }
          sb.append(e.getString("message"));
        }
        if (errors.size() > 20) {
          sb.append("\n  … and ").append(errors.size() - 20).append(" more");
        }
      }
    } catch (RuntimeException e) {
      sb.append(": ").append(body.length() > 300 ? body.substring(0, 300) : body);
    }
    return sb.toString();
  }

  private static final class ImportFailed extends Exception {
    ImportFailed(String message) {
      super(message, null, false, false);
    }
  }
}
