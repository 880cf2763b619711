package io.qhub.service.client.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A real HTTP proxy on loopback: answers {@code CONNECT host:port} with 200 and then
 * relays the bytes both ways (as Reactor Netty's HTTP proxy support asks for every
 * target), counting the tunnels it opened and the ones open now.
 * {@link #requireCredentials(String, String)} makes it answer 407 to a {@code CONNECT}
 * without those Basic credentials.
 */
public final class CountingProxy implements AutoCloseable {

	private final ServerSocket socket;

	private final List<String> targets = new CopyOnWriteArrayList<>();

	private final AtomicInteger tunnels = new AtomicInteger();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private volatile String requiredAuthorization;

	private volatile boolean echoRefusals;

	private volatile boolean closed;

	public CountingProxy() throws IOException {
		this.socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "counting-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/** Every {@code CONNECT} target, e.g. {@code 127.0.0.1:41234}. */
	public List<String> targets() {
		return List.copyOf(this.targets);
	}

	/** Answers 407 unless a {@code CONNECT} carries these Basic credentials. */
	public CountingProxy requireCredentials(String username, String password) {
		this.requiredAuthorization = "Basic " + java.util.Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this;
	}

	/**
	 * Makes a refusal (407) repeat the credentials it got, as a hostile proxy would: the
	 * {@code Proxy-Authorization} header, its Base64 part decoded ({@code user:password})
	 * and the password alone, in the status line's reason phrase, in headers and in the
	 * body.
	 * @return this proxy
	 */
	public CountingProxy echoRefusals() {
		this.echoRefusals = true;
		return this;
	}

	/**
	 * The {@code Proxy-Authorization} header of every {@code CONNECT} (empty string when
	 * it had none).
	 */
	public List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	public int tunnelsOpened() {
		return this.tunnels.get();
	}

	public int tunnelsOpen() {
		return this.open.size();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.socket.accept();
				Thread worker = new Thread(() -> tunnel(client), "counting-proxy-tunnel");
				worker.setDaemon(true);
				worker.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void tunnel(Socket client) {
		try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
			Connect connect = Connect.read(in);
			if (connect == null || !connect.method().equals("CONNECT")) {
				out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
					.getBytes(StandardCharsets.ISO_8859_1));
				return;
			}
			String authorization = connect.headers().getOrDefault("proxy-authorization", "");
			this.authorizations.add(authorization);
			String required = this.requiredAuthorization;
			if (required != null && !required.equals(authorization)) {
				out.write((this.echoRefusals ? echoedRefusal(authorization)
						: "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
								+ "Content-Length: 0\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				return;
			}
			String target = connect.target();
			this.targets.add(target);
			int colon = target.lastIndexOf(':');
			try (Socket upstream = new Socket(target.substring(0, colon),
					Integer.parseInt(target.substring(colon + 1)))) {
				this.tunnels.incrementAndGet();
				this.open.add(client);
				out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				Thread back = new Thread(() -> relay(upstream, client), "counting-proxy-relay");
				back.setDaemon(true);
				back.start();
				relay(client, upstream);
			}
		}
		catch (IOException ex) {
			// either side went away: the tunnel ends
		}
		finally {
			this.open.remove(client);
		}
	}

	private static String echoedRefusal(String authorization) {
		String encoded = authorization.startsWith("Basic ") ? authorization.substring(6) : authorization;
		String decoded = new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
		String password = decoded.substring(decoded.indexOf(':') + 1);
		String body = "{\"you_sent\":\"" + authorization + "\",\"decoded\":\"" + decoded + "\",\"password\":\""
				+ password + "\"}";
		return "HTTP/1.1 407 Bad credentials " + authorization + " (" + decoded + ") " + password + "\r\n"
				+ "Proxy-Authenticate: Basic realm=\"" + encoded + "\"\r\n" + "X-Echo-Authorization: " + authorization
				+ "\r\n" + "X-Echo-Login: " + decoded + "\r\n" + "Content-Type: application/json\r\n"
				+ "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
	}

	private static void relay(Socket from, Socket to) {
		try {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// closed
		}
		finally {
			try {
				to.shutdownOutput();
			}
			catch (IOException ex) {
				// already closed
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.socket.close();
		for (Socket client : this.open) {
			client.close();
		}
	}

	/**
	 * The head of the request a client opens a tunnel with: method, target and headers
	 * (lower-case names).
	 */
	private record Connect(String method, String target, Map<String, String> headers) {

		/**
		 * Reads a request head, up to its blank line.
		 * @param in the client's stream
		 * @return the head, or {@code null} when the client went away first
		 */
		static @Nullable Connect read(InputStream in) throws IOException {
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
			Map<String, String> headers = new HashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							lines[i].substring(colon + 1).trim());
				}
			}
			return new Connect(requestLine[0], requestLine[1], headers);
		}

	}

}
