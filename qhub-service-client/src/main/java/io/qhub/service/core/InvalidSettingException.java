package io.qhub.service.core;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A client setting given to a builder (or a policy) cannot be used. Names the setting as
 * the builder method or record component is called ({@code serviceEndpoint},
 * {@code callTimeout}, {@code polling.initialInterval}), states the rule the value
 * breaks, and shows the rejected value, except for a secret (and with any URL user-info
 * masked). Spring Boot's auto-configuration reports it under the matching {@code qhub.*}
 * property, with the value as written there.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String setting;

	private final String rule;

	private final @Nullable String rejectedValue;

	/**
	 * Creates an exception.
	 * @param setting the setting, e.g. {@code callTimeout} or
	 * {@code polling.initialInterval}
	 * @param rule the rule the value breaks, e.g. {@code "must be positive"}
	 * @param rejectedValue the value as the builder got it, or {@code null} when there
	 * was none or it is secret
	 */
	public InvalidSettingException(String setting, String rule, @Nullable Object rejectedValue) {
		super(setting + " " + rule + ((rejectedValue != null) ? ", was '" + rejectedValue + "'" : ""));
		this.setting = setting;
		this.rule = rule;
		this.rejectedValue = (rejectedValue != null) ? rejectedValue.toString() : null;
	}

	/**
	 * The setting at fault, as the builder method or record component is called; nested
	 * settings are dotted ({@code polling.initialInterval}).
	 * @return the setting
	 */
	public String setting() {
		return this.setting;
	}

	/**
	 * The rule the value breaks, e.g. {@code "must be positive"}.
	 * @return the rule
	 */
	public String rule() {
		return this.rule;
	}

	/**
	 * The rejected value as the builder got it (user-info masked), empty when there was
	 * none or it is secret.
	 * @return the value
	 */
	public Optional<String> rejectedValue() {
		return Optional.ofNullable(this.rejectedValue);
	}

	/**
	 * This exception for a setting nested under another, e.g. {@code initialInterval}
	 * under {@code polling}.
	 * @param parent the enclosing setting
	 * @return an exception naming {@code parent.setting}
	 */
	public InvalidSettingException under(String parent) {
		return new InvalidSettingException(parent + "." + this.setting, this.rule, this.rejectedValue);
	}

}
