package io.qhub.service.client.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server on loopback that behaves as a hostile gateway may: it
 * answers each request with the handler registered for the longest matching path prefix,
 * and a handler may stall forever, trickle its answer a byte at a time, or send an
 * endless body. It counts requests, connections and the most connections open at once, so
 * tests can prove deadlines, limits and pool bounds through the client's real HTTP stack.
 */
public final class HostileServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final List<String> requestLines = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger maxOpen = new AtomicInteger();

	private volatile boolean closed;

	public HostileServer() throws IOException {
		this.socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "hostile-server-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** {@code http://127.0.0.1:<port>} */
	public String url() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * Answers requests whose path starts with {@code prefix} (the longest registered
	 * prefix wins).
	 */
	public HostileServer on(String prefix, Handler handler) {
		this.handlers.put(prefix, handler);
		return this;
	}

	public int requests(String prefix) {
		return this.requests.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToInt((entry) -> entry.getValue().get())
			.sum();
	}

	public List<String> requestLines() {
		return List.copyOf(this.requestLines);
	}

	public int connectionsAccepted() {
		return this.connections.get();
	}

	public int openConnections() {
		return this.open.size();
	}

	public int mostConnectionsOpenAtOnce() {
		return this.maxOpen.get();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket connection = this.socket.accept();
				this.connections.incrementAndGet();
				this.open.add(connection);
				this.maxOpen.accumulateAndGet(this.open.size(), Math::max);
				Thread worker = new Thread(() -> serve(connection), "hostile-server-connection");
				worker.setDaemon(true);
				worker.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket connection) {
		try (connection;
				InputStream in = connection.getInputStream();
				OutputStream out = connection.getOutputStream()) {
			while (!this.closed) {
				Request request = Request.read(in);
				if (request == null) {
					return;
				}
				this.requestLines.add(request.method() + " " + request.path());
				this.requests.computeIfAbsent(request.path(), (path) -> new AtomicInteger()).incrementAndGet();
				handler(request.path()).answer(request, out);
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client went away, or the server closed: nothing more to answer
		}
		finally {
			this.open.remove(connection);
		}
	}

	private Handler handler(String path) {
		return this.handlers.entrySet()
			.stream()
			.filter((entry) -> path.startsWith(entry.getKey()))
			.max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
			.map(Map.Entry::getValue)
			.orElse(json(404, "{\"error\":\"not found\"}"));
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.socket.close();
		for (Socket connection : this.open) {
			connection.close();
		}
	}

	/** A complete JSON answer. */
	public static Handler json(int status, String body) {
		return (request, out) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			out.write(head(status, "application/json", bytes.length).getBytes(StandardCharsets.ISO_8859_1));
			out.write(bytes);
		};
	}

	/** Reads the request, then never answers. */
	public static Handler neverAnswer() {
		return (request, out) -> Thread.sleep(Long.MAX_VALUE);
	}

	/** A complete JSON answer after a delay. */
	public static Handler delayed(Duration delay, int status, String body) {
		Handler answer = json(status, body);
		return (request, out) -> {
			Thread.sleep(delay.toMillis());
			answer.answer(request, out);
		};
	}

	/**
	 * The status line and headers at once, then the body one byte per {@code interval}.
	 */
	public static Handler trickle(int status, String body, Duration interval) {
		return (request, out) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			out.write(head(status, "application/json", bytes.length).getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			for (byte b : bytes) {
				Thread.sleep(interval.toMillis());
				out.write(b);
				out.flush();
			}
		};
	}

	/** A chunked body that never ends (64 KiB chunks as fast as the client reads). */
	public static Handler endless(int status, String contentType) {
		return (request, out) -> {
			out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
					+ "\r\nTransfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			byte[] chunk = new byte[64 * 1024];
			java.util.Arrays.fill(chunk, (byte) ' ');
			chunk[0] = '[';
			byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
			while (true) {
				out.write(size);
				out.write(chunk);
				out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
				chunk[0] = ' ';
			}
		};
	}

	/**
	 * Answers the first {@code first} requests with one handler, the rest with another.
	 */
	public static Handler firstThen(int first, Handler handler, Handler then) {
		AtomicInteger seen = new AtomicInteger();
		return (request, out) -> ((seen.incrementAndGet() <= first) ? handler : then).answer(request, out);
	}

	private static String head(int status, String contentType, int length) {
		return "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length
				+ "\r\n\r\n";
	}

	/** One parsed request: method, path, headers (lower-case names) and body. */
	public record Request(String method, String path, Map<String, String> headers, byte[] body) {

		static Request read(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int matched = 0;
			while (matched < 4) {
				int next = in.read();
				if (next < 0) {
					return null;
				}
				head.write(next);
				matched = (next == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((next == '\r') ? 1 : 0);
			}
			String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
			String[] requestLine = lines[0].split(" ");
			Map<String, String> headers = new ConcurrentHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
							lines[i].substring(colon + 1).trim());
				}
			}
			int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
			byte[] body = in.readNBytes(length);
			String target = requestLine[1];
			String path = target.startsWith("http") ? java.net.URI.create(target).getRawPath() : target;
			return new Request(requestLine[0], path.split("\\?")[0], headers, body);
		}

	}

	/** How the server answers one request; it may block as long as it likes. */
	@FunctionalInterface
	public interface Handler {

		void answer(Request request, OutputStream out) throws IOException, InterruptedException;

	}

}
