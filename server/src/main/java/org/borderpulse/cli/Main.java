package org.borderpulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code borderpulse} command. */
@Command(name = "borderpulse", mixinStandardHelpOptions = true, version = "BorderPulse 0.1.0",
    description = "Real-time dashboard and alerting server for border management data.",
    subcommands = {DemoCommand.class, ServeCommand.class, SimulateCommand.class, ImportCommand.class,
        AlertListCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Every option also has an environment variable and a key in the YAML file;",
        "flags win over the environment, the environment over the file.",
        "See 'borderpulse help serve' for the server's options."})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
