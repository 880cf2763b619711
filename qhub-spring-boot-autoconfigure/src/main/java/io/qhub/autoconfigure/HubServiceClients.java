package io.qhub.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.qhub.service.client.HubServiceClient;
import org.jspecify.annotations.Nullable;

/**
 * The auto-configured clients by name: each {@code qhub.services.<name>} entry, plus the
 * {@code qhub.service} client under {@code "default"} when its endpoint is set (or a
 * {@link HubServiceConnectionDetails} bean says where it is).
 */
public final class HubServiceClients {

	private final Map<String, HubServiceClient> clients;

	HubServiceClients(Map<String, HubServiceClient> clients) {
		this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
	}

	/**
	 * The client of one service.
	 * @param name the key under {@code qhub.services}, or {@code "default"}
	 * @return the client
	 * @throws IllegalArgumentException naming the known services when there is none of
	 * that name
	 */
	public HubServiceClient get(String name) {
		HubServiceClient client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException("No Hub service named '" + name + "' is configured; configured: "
					+ this.clients.keySet() + " (add qhub.services." + name + ".endpoint)");
		}
		return client;
	}

	/**
	 * The client of one service, if configured.
	 * @param name the service name
	 * @return the client, or empty
	 */
	public Optional<HubServiceClient> find(@Nullable String name) {
		return Optional.ofNullable((name != null) ? this.clients.get(name) : null);
	}

	/**
	 * The configured service names, in configuration order.
	 * @return the names
	 */
	public Set<String> names() {
		return this.clients.keySet();
	}

	/**
	 * Every configured client by name.
	 * @return the clients
	 */
	public Map<String, HubServiceClient> asMap() {
		return this.clients;
	}

	@Override
	public String toString() {
		return "HubServiceClients" + this.clients.keySet();
	}

}
