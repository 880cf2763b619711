package io.qhub.service.core;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Secrets}: every form a secret is sent in is redacted, and an exception chain
 * holding one is replaced by stand-ins.
 */
class SecretsTests {

	@Test
	void aLoginIsRedactedInEveryFormABasicHeaderOrAUrlCarriesIt() {
		String login = "proxy-user:Pa55/w0rd+x=";
		byte[] bytes = login.getBytes(StandardCharsets.UTF_8);
		Secrets.Registration registration = Secrets.registerCredentials("proxy-user", "Pa55/w0rd+x=");
		try {
			String standard = Base64.getEncoder().encodeToString(bytes);
			String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			String echoed = "Basic " + standard + " / " + standard.replace("=", "") + " / " + urlSafe + " / "
					+ URLEncoder.encode("Pa55/w0rd+x=", StandardCharsets.UTF_8) + " / " + login;
			assertThat(Secrets.redact(echoed))
				.isEqualTo("Basic <redacted> / <redacted> / <redacted> / <redacted> / " + "proxy-user:<redacted>");
		}
		finally {
			registration.release();
		}
		assertThat(Secrets.redact("Pa55/w0rd+x=")).isEqualTo("Pa55/w0rd+x=");
	}

	@Test
	void aCleanChainIsKeptAsItIs() {
		IOException clean = new IOException("connection reset", new IllegalStateException("closed"));
		Secrets.Registration registration = Secrets.register("a-known-secret");
		try {
			assertThat(Secrets.scrub(clean)).isSameAs(clean);
		}
		finally {
			registration.release();
		}
	}

	@Test
	void aChainHoldingASecretIsReplacedByStandInsWithTypesAndRedactedMessages() {
		IOException echoed = new IOException("proxy said a-known-secret", new IllegalStateException("no secret here"));
		echoed.addSuppressed(new RuntimeException("suppressed a-known-secret"));
		Secrets.Registration registration = Secrets.register("a-known-secret");
		try {
			Throwable scrubbed = Secrets.scrub(echoed);
			assertThat(scrubbed).isInstanceOf(Secrets.RedactedException.class)
				.hasMessage("java.io.IOException: proxy said <redacted>");
			assertThat(((Secrets.RedactedException) scrubbed).originalType()).isEqualTo("java.io.IOException");
			assertThat(scrubbed.getStackTrace()).isEqualTo(echoed.getStackTrace());
			assertThat(scrubbed.getCause()).hasMessage("java.lang.IllegalStateException: no secret here");
			assertThat(scrubbed.getSuppressed()).singleElement()
				.satisfies((suppressed) -> assertThat(suppressed)
					.hasMessage("java.lang.RuntimeException: suppressed <redacted>"));
		}
		finally {
			registration.release();
		}
	}

}
