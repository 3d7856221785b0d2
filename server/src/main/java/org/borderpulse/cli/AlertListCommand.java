package org.borderpulse.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.borderpulse.client.ApiClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code borderpulse alert-list import FILE}: uploads a file of document hashes as an alert list. */
@Command(name = "alert-list", mixinStandardHelpOptions = true,
    description = "Manage the alert lists that alert_list rules match document hashes against.",
    subcommands = {AlertListCommand.Import.class, CommandLine.HelpCommand.class})
public final class AlertListCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Create or replace an alert list from a file of document hashes (PUT /api/v1/alert-lists/{id}).",
          "One hex hash (16-128 digits, the keyed hash the posts make) per line; blank lines and lines",
          "starting with # are skipped. Never document numbers or names."})
  static final class Import implements Callable<Integer> {
    static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{16,128}");

    @Parameters(index = "0", paramLabel = "FILE", description = "a text file, one hash per line")
    Path file;

    @Option(names = "--list", paramLabel = "ID",
        description = "the list id (1-64 of a-z 0-9 . _ -; default: the file name without its extension)")
    String list;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "e.g. http://localhost:8080")
    URI server;

    @Option(names = "--token", required = true, paramLabel = "TOKEN",
        description = "admin token (env BORDERPULSE_TOKEN works too)", defaultValue = "${env:BORDERPULSE_TOKEN}")
    String token;

    @Override
    public Integer call() throws Exception {
      if (!Files.isReadable(file)) {
        System.err.println("cannot read " + file);
        return 2;
      }
      String id = list != null ? list : file.getFileName().toString().replaceFirst("\\.[^.]*$", "").toLowerCase();
      Set<String> hashes = new LinkedHashSet<>();
      List<String> problems = new ArrayList<>();
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          String h = line.strip();
          if (h.isEmpty() || h.startsWith("#")) {
            continue;
          }
          if (!HASH.matcher(h).matches()) {
            problems.add("line " + n + ": not a hash of 16-128 hex digits");
          } else {
            hashes.add(h.toLowerCase());
          }
        }
      }
      if (!problems.isEmpty()) {
        System.err.println(file + " has " + problems.size() + " bad line(s); nothing was sent:");
        problems.stream().limit(20).forEach(p -> System.err.println("  " + p));
        return 2;
      }
      ApiClient.Answer a = new ApiClient(server).put(token, "/api/v1/alert-lists/" + id,
          new JsonObject().put("hashes", new JsonArray(new ArrayList<>(hashes))));
      if (!a.ok()) {
        System.err.println("alert list '" + id + "' not stored: " + ApiClient.describe(a));
        return 1;
      }
      System.out.println("alert list '" + id + "' " + (a.status() == 201 ? "created" : "replaced") + ": "
          + hashes.size() + " hashes");
      return 0;
    }
  }
}
