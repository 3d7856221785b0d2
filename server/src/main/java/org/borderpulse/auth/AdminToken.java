package org.borderpulse.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token: from {@code admin.token} / {@code BORDERPULSE_ADMIN_TOKEN}, else the one kept
 * in {@code <data>/admin-token}, else a new one written there with mode 0600.
 */
public final class AdminToken {
  private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
  public static final String FILE_NAME = "admin-token";

  private AdminToken() {}

  /** Returns the token and where it came from (for the start-up banner). */
  public static Resolved resolve(Settings settings) {
    var configured = settings.optional(Setting.ADMIN_TOKEN);
    if (configured.isPresent()) {
      return new Resolved(configured.get().trim(), null);
    }
    Path file = settings.dataDir().resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        String t = Files.readString(file).trim();
        if (!t.isEmpty()) {
          return new Resolved(t, file);
        }
      }
      Files.createDirectories(file.getParent());
      String token = Tokens.generate(Tokens.ADMIN_PREFIX);
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, token + "\n");
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      LOG.info("Created a new admin token in {} (mode 0600)", file);
      return new Resolved(token, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
    }
  }

  /** The token and the file it is kept in ({@code null} when it came from configuration). */
  public record Resolved(String token, Path file) {
    public String where() {
      return file == null ? "configured (admin.token / BORDERPULSE_ADMIN_TOKEN)" : file.toString();
    }
  }
}
