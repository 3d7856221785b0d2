package org.borderpulse.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BorderPulse process per embedded database directory: an OS file lock next to it. Holding
 * the lock, a PostgreSQL still running on the directory can only be an orphan of a process
 * that was killed before it could stop it; it is stopped so the start does not hang.
 */
final class DataDirGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirGuard.class);
  private static final long ORPHAN_STOP_SECONDS = 30;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirGuard(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirGuard acquire(Path dir) {
    Path file = dir.resolveSibling(dir.getFileName() + ".lock");
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another BorderPulse process is using the database in " + dir
            + "; stop it first, or give this one another --data directory");
      }
      DataDirGuard guard = new DataDirGuard(channel, lock);
      guard.stopOrphan(dir);
      return guard;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  private void stopOrphan(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty() : parse(lines.get(0))
        .flatMap(ProcessHandle::of)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle pg = orphan.get();
    LOG.warn("Stopping a PostgreSQL (pid {}) left running on {} by a BorderPulse process that was killed", pg.pid(), dir);
    pg.destroy();
    try {
      pg.onExit().get(ORPHAN_STOP_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("a PostgreSQL (pid " + pg.pid() + ") left running on " + dir
          + " did not stop within " + ORPHAN_STOP_SECONDS + " s; stop it, then start again", e);
    }
  }

  private static Optional<Long> parse(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.debug("releasing the data directory lock: {}", e.getMessage());
    }
  }
}
