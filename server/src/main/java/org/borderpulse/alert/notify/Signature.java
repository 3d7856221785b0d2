package org.borderpulse.alert.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;

/** {@code X-BorderPulse-Signature: sha256=<hex HMAC-SHA256 of the body>}, keyed with the webhook secret. */
public final class Signature {
  public static final String HEADER = "X-BorderPulse-Signature";
  static final String FILE_NAME = "webhook-secret";

  private Signature() {}

  public static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code alerts.webhookSecret}, else the one kept in {@code <data>/webhook-secret}, else a new
   * one written there (mode 0600). Blocking: call on a worker.
   */
  public static String resolveSecret(Settings settings) {
    var configured = settings.optional(Setting.ALERTS_WEBHOOK_SECRET);
    if (configured.isPresent()) {
      return configured.get().trim();
    }
    Path file = settings.dataDir().resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        String s = Files.readString(file).trim();
        if (!s.isEmpty()) {
          return s;
        }
      }
      Files.createDirectories(file.getParent());
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      String secret = HexFormat.of().formatHex(b);
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, secret + "\n");
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the webhook secret file " + file, e);
    }
  }
}
