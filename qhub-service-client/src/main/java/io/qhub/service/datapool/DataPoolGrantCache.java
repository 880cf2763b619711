package io.qhub.service.datapool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.qhub.service.core.Secrets;
import io.qhub.service.core.internal.SingleFlight;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Grant JWTs per {@code (datapoolId, applicationId, permission)}, reused until
 * {@value #REFRESH_BEFORE_EXPIRY_SECONDS} s before their {@code exp}. Concurrent runs
 * needing the same grant share one platform call; a JWT without {@code exp} is handed to
 * the callers of that one call and not kept. Every cached JWT is known to {@link Secrets}
 * until it is replaced, so an answer echoing it is redacted.
 */
final class DataPoolGrantCache implements AutoCloseable {

	static final long REFRESH_BEFORE_EXPIRY_SECONDS = 30;

	private final DataPoolGrantsApi api;

	private final Clock clock;

	private final Map<Key, CachedGrant> grants = new ConcurrentHashMap<>();

	private final Map<Key, SingleFlight<String>> flights = new ConcurrentHashMap<>();

	DataPoolGrantCache(DataPoolGrantsApi api, Clock clock) {
		this.api = api;
		this.clock = clock;
	}

	Mono<String> token(DataPoolGrant grant) {
		Key key = new Key(grant.datapoolId(), grant.applicationId(), grant.permission());
		return Mono.defer(() -> {
			String cached = cached(key);
			return (cached != null) ? Mono.just(cached)
					: this.flights.computeIfAbsent(key, (k) -> new SingleFlight<>(() -> fetch(k))).get();
		});
	}

	private @Nullable String cached(Key key) {
		CachedGrant cached = this.grants.get(key);
		return (cached != null && this.clock.instant().isBefore(cached.refreshAt())) ? cached.token() : null;
	}

	private Mono<String> fetch(Key key) {
		String cached = cached(key);
		if (cached != null) {
			return Mono.just(cached);
		}
		return this.api.createGrant(key.datapoolId(), key.applicationId(), key.permission()).doOnNext((token) -> {
			Instant expiry = JwtExpiry.of(token);
			CachedGrant replaced = (expiry != null)
					? this.grants.put(key, new CachedGrant(token,
							expiry.minus(Duration.ofSeconds(REFRESH_BEFORE_EXPIRY_SECONDS)), Secrets.register(token)))
					: this.grants.remove(key);
			if (replaced != null) {
				replaced.registration().release();
			}
		});
	}

	@Override
	public void close() {
		this.grants.values().forEach((grant) -> grant.registration().release());
		this.grants.clear();
	}

	private record Key(String datapoolId, String applicationId, DataPoolPermission permission) {
	}

	private record CachedGrant(String token, Instant refreshAt, Secrets.Registration registration) {

		@Override
		public String toString() {
			return "CachedGrant[refreshAt=" + this.refreshAt + "]";
		}

	}

}
