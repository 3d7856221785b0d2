package org.borderpulse.support;

import org.borderpulse.app.BorderPulseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A test class whose tests share one node on a fresh database, started before the first and stopped after the last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OneNodeTest {
  protected RunningServer node;
  protected BorderPulseServer server;
  protected Api api;

  @BeforeAll
  protected void startNode() {
    node = RunningServer.start();
    server = node.server;
    api = node.api;
  }

  @AfterAll
  protected void stopNode() {
    node.close();
  }
}
