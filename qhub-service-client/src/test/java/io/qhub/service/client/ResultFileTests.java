package io.qhub.service.client;

import java.io.InputStream;
import java.time.Duration;
import java.util.Random;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Result files are streamed byte-exact; a missing file fails when the call is made. */
class ResultFileTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String FILE = WireMockGateway.SERVICE_PATH + "/e1/result/plot.bin";

	private static final byte[] CONTENT = new byte[3 * 1024 * 1024];

	static {
		new Random(42).nextBytes(CONTENT);
	}

	private HubServiceClient client;

	@BeforeEach
	void setUp() {
		WireMockGateway.stubToken(wm, "t1");
		this.client = WireMockGateway.withKeys(wm, new VirtualTime()).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void streamReturnsTheExactBytes() throws Exception {
		wm.stubFor(get(urlEqualTo(FILE)).willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody(CONTENT)));

		byte[] read;
		try (InputStream stream = this.client.api().getResultFile("e1", "plot.bin")) {
			read = stream.readAllBytes();
		}

		assertThat(read).hasSize(CONTENT.length);
		assertThat(read).isEqualTo(CONTENT);
		wm.verify(1, getRequestedFor(urlEqualTo(FILE)).withHeader("Authorization", equalTo("Bearer t1"))
			.withHeader("Accept", equalTo("*/*")));
	}

	@Test
	void chunkedStreamReturnsTheExactBytes() throws Exception {
		wm.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "image/png")
			.withChunkedDribbleDelay(4, 0)
			.withBody(CONTENT)));

		try (InputStream stream = this.client.api().getResultFile("e1", "plot.bin")) {
			assertThat(stream.readAllBytes()).isEqualTo(CONTENT);
		}
	}

	@Test
	void reactiveStreamReturnsTheExactBytes() {
		wm.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(200).withBody(CONTENT)));

		StepVerifier
			.create(DataBufferUtils.join(this.client.api().reactive().getResultFile("e1", "plot.bin")).map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			}))
			.assertNext((bytes) -> assertThat(bytes).isEqualTo(CONTENT))
			.verifyComplete();
	}

	@Test
	void emptyFileGivesEmptyStream() throws Exception {
		wm.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(200)));

		try (InputStream stream = this.client.api().getResultFile("e1", "plot.bin")) {
			assertThat(stream.readAllBytes()).isEmpty();
		}
	}

	@Test
	void closingAPartlyReadStreamReleasesTheConnection() throws Exception {
		wm.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(200).withBody(CONTENT)));
		wm.stubFor(get(urlEqualTo(WireMockGateway.SERVICE_PATH + "/e1"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"status\":\"RUNNING\"}")));

		try (HubServiceClient single = WireMockGateway.withKeys(wm, new VirtualTime()).maxConnections(1).build()) {
			for (int i = 0; i < 3; i++) {
				try (InputStream stream = single.api().getResultFile("e1", "plot.bin")) {
					assertThat(stream.readNBytes(10)).isEqualTo(java.util.Arrays.copyOf(CONTENT, 10));
				}
			}
			// with one pooled connection, this only completes if the closed streams gave
			// it back
			ServiceExecution execution = single.api().reactive().getStatus("e1").block(Duration.ofSeconds(30));
			assertThat(execution).isNotNull();
			assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}
	}

	@Test
	void missingFileThrowsAtCallTime() {
		wm.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(404).withBody("no such file")));

		assertThatExceptionOfType(HubApiException.class)
			.isThrownBy(() -> this.client.api().getResultFile("e1", "plot.bin"))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(404);
				assertThat(ex.isNotFound()).isTrue();
				assertThat(ex.responseBody()).isEqualTo("no such file");
				assertThat(ex.operation()).isEqualTo("GET /{id}/result/{file}");
			});
	}

	@Test
	void reactiveMissingFileFailsBeforeAnyBuffer() {
		wm.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(404)));

		StepVerifier.create(this.client.api().reactive().getResultFile("e1", "plot.bin").map(DataBuffer::capacity))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(HubApiException.class)
				.satisfies((api) -> assertThat(((HubApiException) api).statusCode()).isEqualTo(404)))
			.verify();
	}

}
