package io.qhub.service.core.internal;

import java.net.URI;

import io.qhub.service.core.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Endpoint}: every URL the client sends to is built from its endpoint, so a
 * hostile id or file name can never change the origin (where credentials go) or the path;
 * user-info is never sent and never printed.
 */
class EndpointTests {

	private final Endpoint endpoint = Endpoint.parse("https://gateway.example.com/acme/svc/1.0.0/", "serviceEndpoint");

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example.com/x", "../../../token", "http://evil.example.com", "a/b", "..", ".",
			"%2e%2e", "x?y=1#z", "@evil.example.com" })
	void hostileValuesStayOneSegmentBelowTheEndpoint(String id) {
		URI uri = this.endpoint.resolve("/{id}/result/{file}", id, "plot.png");

		assertThat(Endpoint.origin(uri)).isEqualTo(this.endpoint.origin()).isEqualTo("https://gateway.example.com:443");
		assertThat(uri.getRawPath()).startsWith("/acme/svc/1.0.0/").endsWith("/result/plot.png");
		String segment = uri.getRawPath()
			.substring("/acme/svc/1.0.0/".length(), uri.getRawPath().length() - "/result/plot.png".length());
		assertThat(segment).doesNotContain("/").isNotIn(".", "..");
		assertThat(uri.getRawQuery()).isNull();
		assertThat(uri.getRawFragment()).isNull();
	}

	@Test
	void theCollectionUrlKeepsItsTrailingSlash() {
		assertThat(this.endpoint.resolve("/")).hasToString("https://gateway.example.com/acme/svc/1.0.0/");
	}

	@Test
	void userInfoIsNeitherSentNorPrinted() {
		Endpoint withUserInfo = Endpoint.parse("http://user:pa55word@localhost:8081/local/echo/1.0.0",
				"serviceEndpoint");

		assertThat(withUserInfo.url()).isEqualTo("http://localhost:8081/local/echo/1.0.0");
		assertThat(withUserInfo.resolve("/{id}", "e1")).hasToString("http://localhost:8081/local/echo/1.0.0/e1");
		assertThat(withUserInfo).hasToString("http://***@localhost:8081/local/echo/1.0.0");
		assertThat(withUserInfo.hadUserInfo()).isTrue();
		assertThat(Endpoint.mask("https://a:b@host/x")).isEqualTo("https://***@host/x");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ht tp://user:pa55word@host/x", "ftp://user:pa55word@host/x", "user:pa55word@host",
			"http://user:pa55word@/x", "https://user:pa55word@host/x?q=1" })
	void aBadUrlNamesTheSettingWithoutParserInternalsOrThePassword(String url) {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> Endpoint.parse(url, "tokenEndpoint"))
			.satisfies((ex) -> {
				assertThat(ex.setting()).isEqualTo("tokenEndpoint");
				assertThat(ex.getMessage()).startsWith("tokenEndpoint ")
					.doesNotContain("pa55word")
					.doesNotContain("Illegal character")
					.doesNotContain("URISyntaxException");
			});
	}

	@Test
	void aBlankUrlSaysItMustBeSet() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> Endpoint.parse(" ", "serviceEndpoint"))
			.withMessage("serviceEndpoint must be set to an absolute http(s) URL");
	}

}
