package io.qhub.service.client.model;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Lenient reading of the gateway's enum values: an unknown value maps to a fallback
 * instead of failing.
 */
final class WireEnums {

	private WireEnums() {
	}

	static <E extends Enum<E>> E lenient(Class<E> type, @Nullable String value, E fallback) {
		if (value == null) {
			return fallback;
		}
		try {
			return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return fallback;
		}
	}

}
