package org.borderpulse.dashboard;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Provisions the dashboards at start and re-reads the folder every few seconds, off the event loop. */
public final class DashboardVerticle extends VerticleBase {
  static final long RESCAN_MS = 2000;
  private final DashboardLibrary library;

  public DashboardVerticle(DashboardLibrary library) {
    this.library = library;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(library::reload).onSuccess(x ->
        vertx.setPeriodic(RESCAN_MS, t -> vertx.executeBlocking(library::reload, false)));
  }
}
