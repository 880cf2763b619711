package io.qhub.service.core;

import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * The TLS of the client's {@code https} connections, in the JDK's own types (which is
 * what Spring Boot's {@code SslBundle} hands out): whom to trust, which key to present,
 * and optionally which protocols and cipher suites to allow. Host names are always
 * verified. {@link #jdkDefaults()} (the default) trusts the JVM's default trust store and
 * presents no key.
 *
 * @param keyManagers the key to present for mutual TLS, or {@code null} for none
 * @param trustManagers whom to trust, or {@code null} for the JVM's default trust store
 * @param protocols the protocols to enable, e.g. {@code TLSv1.3}, or {@code null} for the
 * defaults
 * @param ciphers the cipher suites to enable, or {@code null} for the defaults
 */
public record TlsSettings(@Nullable KeyManagerFactory keyManagers, @Nullable TrustManagerFactory trustManagers,
		@Nullable Set<String> protocols, @Nullable Set<String> ciphers) {

	private static final TlsSettings JDK_DEFAULTS = new TlsSettings(null, null, null, null);

	/** Copies the sets. */
	public TlsSettings {
		protocols = (protocols != null) ? Set.copyOf(protocols) : null;
		ciphers = (ciphers != null) ? Set.copyOf(ciphers) : null;
	}

	/**
	 * The JVM's default trust store, no client key, default protocols and ciphers.
	 * @return the settings
	 */
	public static TlsSettings jdkDefaults() {
		return JDK_DEFAULTS;
	}

	/**
	 * Trust and key material, with default protocols and ciphers.
	 * @param keyManagers the key to present, or {@code null}
	 * @param trustManagers whom to trust, or {@code null} for the JVM's default trust
	 * store
	 * @return the settings
	 */
	public static TlsSettings of(@Nullable KeyManagerFactory keyManagers, @Nullable TrustManagerFactory trustManagers) {
		return new TlsSettings(keyManagers, trustManagers, null, null);
	}

	/**
	 * Whether these are the JVM's defaults, so nothing is to be configured.
	 * @return {@code true} for {@link #jdkDefaults()}
	 */
	public boolean isJdkDefault() {
		return equals(JDK_DEFAULTS);
	}

	@Override
	public String toString() {
		return "TlsSettings[" + (isJdkDefault() ? "JDK defaults"
				: "keyManagers=" + ((this.keyManagers != null) ? this.keyManagers.getAlgorithm() : "none")
						+ ", trustManagers="
						+ ((this.trustManagers != null) ? this.trustManagers.getAlgorithm() : "JDK default")
						+ ((this.protocols != null) ? ", protocols=" + this.protocols : "")
						+ ((this.ciphers != null) ? ", ciphers=" + this.ciphers : ""))
				+ "]";
	}

}
