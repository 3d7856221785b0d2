package org.borderpulse.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The measured path: {@code POST /api/v1/events} over loopback HTTP/1.1, one batch per request,
 * one keep-alive connection per sender. The client is a plain socket writing the pre-encoded
 * body after a fixed header: the load generator shares the two cores with the server, and
 * {@code java.net.http} cost about 6% of the JVM's samples (docs/benchmarks.md), against
 * pgjdbc's COPY client at well under 1%.
 */
final class HttpIngest implements ParallelRun.Workers {
  private final int port;
  private final String token;

  HttpIngest(int port, String token) {
    this.port = port;
    this.token = token;
  }

  @Override
  public ParallelRun.Worker open() throws IOException {
    return new Connection(port, token);
  }

  /** One keep-alive connection. */
  private static final class Connection implements ParallelRun.Worker {
    private final Socket socket = new Socket();
    private final OutputStream out;
    private final InputStream in;
    private final String head;

    Connection(int port, String token) throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 8192);
      head = "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nContent-Length: ";
    }

    /** Counts a batch only when the server answers 200 with every event accepted. */
    @Override
    public void send(PreparedBatch batch) throws Exception {
      byte[] body = batch.json();
      out.write((head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      int status = 0;
      int length = -1;
      String line = readLine();
      if (line.startsWith("HTTP/1.1 ")) {
        status = Integer.parseInt(line.substring(9, 12));
      }
      while (!(line = readLine()).isEmpty()) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      if (length < 0) {
        throw new IllegalStateException("batch " + batch.seq() + ": an answer without Content-Length: " + status);
      }
      String answer = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      if (status != 200) {
        throw new IllegalStateException("batch " + batch.seq() + ": HTTP " + status + " " + abbreviate(answer));
      }
      Integer accepted = new JsonObject(answer).getInteger("accepted");
      if (accepted == null || accepted != batch.rows()) {
        throw new IllegalStateException("batch " + batch.seq() + ": expected " + batch.rows() + " accepted, got "
            + answer);
      }
    }

    private String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(64);
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("the server closed the connection");
        }
        if (c != '\r') {
          line.write(c);
        }
      }
      return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "…";
  }
}
