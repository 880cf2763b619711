package io.qhub.service.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The checks every setting goes through, throwing {@link InvalidSettingException} naming
 * the setting.
 */
final class Settings {

	private Settings() {
	}

	static Duration requireNotNegative(@Nullable Duration value, String setting) {
		if (value == null) {
			throw new InvalidSettingException(setting, "must be set", null);
		}
		if (value.isNegative()) {
			throw new InvalidSettingException(setting, "must not be negative", value);
		}
		return value;
	}

	static Duration requirePositive(@Nullable Duration value, String setting) {
		if (value == null) {
			throw new InvalidSettingException(setting, "must be set", null);
		}
		if (value.isNegative() || value.isZero()) {
			throw new InvalidSettingException(setting, "must be positive", value);
		}
		return value;
	}

	static <T> T requireSet(@Nullable T value, String setting) {
		if (value == null) {
			throw new InvalidSettingException(setting, "must be set", null);
		}
		return value;
	}

}
