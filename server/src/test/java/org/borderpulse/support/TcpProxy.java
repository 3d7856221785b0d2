package org.borderpulse.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a test node, to cut the network under a client: {@link #cut}
 * closes every open connection and refuses new ones until {@link #restore}.
 */
public final class TcpProxy implements AutoCloseable {
  private final NetServer server;
  private final NetClient client;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  private TcpProxy(NetServer server, NetClient client) {
    this.server = server;
    this.client = client;
  }

  public static TcpProxy start(Vertx vertx, int targetPort) {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer();
    TcpProxy proxy = new TcpProxy(server, client);
    server.connectHandler(in -> {
      if (proxy.cut) {
        in.close();
        return;
      }
      in.pause();
      client.connect(targetPort, "127.0.0.1").onSuccess(out -> {
        proxy.open.add(in);
        proxy.open.add(out);
        in.handler(out::write);
        out.handler(in::write);
        in.closeHandler(x -> out.close());
        out.closeHandler(x -> in.close());
        in.resume();
      }).onFailure(e -> in.close());
    });
    TestServer.await(server.listen(0, "127.0.0.1"));
    return proxy;
  }

  public int port() {
    return server.actualPort();
  }

  public void cut() {
    cut = true;
    open.forEach(NetSocket::close);
    open.clear();
  }

  public void restore() {
    cut = false;
  }

  @Override
  public void close() {
    cut();
    TestServer.await(server.close());
    TestServer.await(client.close());
  }
}
