package org.borderpulse.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import me.tongfei.progressbar.ProgressBar;
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

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
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
    HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/events"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .build();
    long backoffMs = 500;
    for (int attempt = 1; ; attempt++) {
      String why;
      long waitMs;
      try {
        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = resp.statusCode();
        if (status == 200) {
          JsonObject r = new JsonObject(resp.body());
          accepted += r.getLong("accepted", 0L);
          duplicates += r.getLong("duplicates", 0L);
          return;
        }
        if (status != 429 && status != 503) {
          throw new ImportFailed(describe(status, resp.body(), batch));
        }
        why = "server answered " + status;
        waitMs = resp.headers().firstValue("Retry-After").map(ImportCommand::seconds).orElse(backoffMs);
      } catch (IOException e) {
        why = "network error: " + e.getMessage();
        waitMs = backoffMs;
      }
      if (attempt >= retries) {
        throw new ImportFailed("gave up after " + attempt + " attempts (" + why + ")");
      }
      Thread.sleep(waitMs + ThreadLocalRandom.current().nextLong(Math.max(1, waitMs / 4)));
      backoffMs = Math.min(backoffMs * 2, 30_000);
    }
  }

  private static long seconds(String retryAfter) {
    try {
      return Math.max(0, Long.parseLong(retryAfter.trim())) * 1000;
    } catch (NumberFormatException e) {
      return 1000;
    }
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
