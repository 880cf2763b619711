package io.qhub.service.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Result-file downloads: argument checks before any call, exact bytes, atomic replace, no
 * partial files.
 */
class ResultDownloadTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String FILE_PATH = LifecycleFixtures.RESULT_PATH + "/plot.png";

	private final VirtualTime vt = new VirtualTime();

	@TempDir
	Path dir;

	private HubServiceClient client;

	private HubServiceExecution execution;

	@BeforeEach
	void setUp() {
		this.client = LifecycleFixtures.anonymous(wm, this.vt).build();
		wm.stubFor(post(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.willReturn(LifecycleFixtures.created(LifecycleFixtures.execution("SUCCEEDED"))));
		this.execution = this.client.run(Map.of());
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new Random(42).nextBytes(bytes);
		return bytes;
	}

	private List<Path> listing() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.sorted().toList();
		}
	}

	@Test
	void missingTargetDirectoryIsRejectedWithoutACall() {
		Path missing = this.dir.resolve("missing");

		assertThatIllegalArgumentException().isThrownBy(() -> this.execution.downloadResultFile("plot.png", missing))
			.withMessageContaining("targetDirectory")
			.withMessageContaining("missing");
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
	}

	@Test
	void regularFileAsTargetIsRejectedWithoutACall() throws IOException {
		Path file = Files.writeString(this.dir.resolve("file.txt"), "x");

		assertThatIllegalArgumentException().isThrownBy(() -> this.execution.downloadResultFile("plot.png", file))
			.withMessageContaining("must be an existing directory");
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", ".", "", "a/b", "a\\b", "/etc/passwd", "../x" })
	void unsafeNamesAreRejectedWithoutACall(String name) throws IOException {
		Throwable ex = catchThrowable(() -> this.execution.downloadResultFile(name, this.dir));

		assertThat(ex).isInstanceOf(IllegalArgumentException.class);
		if (name.isEmpty()) {
			assertThat(ex).hasMessage("Result file name must not be empty");
		}
		else {
			assertThat(ex).hasMessageContaining("'" + name + "'").hasMessageContaining("leave the target directory");
		}
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
		assertThat(listing()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", "a/b", "/etc/passwd" })
	void unsafeNamesAreRejectedByTheReactiveDownloadWithoutACall(String name) {
		StepVerifier.create(this.execution.reactive().downloadResultFile(name, this.dir))
			.expectError(IllegalArgumentException.class)
			.verify();
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
	}

	@Test
	void downloadWritesTheExactBytesAndReturnsThePath() throws IOException {
		byte[] content = bytes(300_000);
		wm.stubFor(get(urlPathEqualTo(FILE_PATH))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(content)));

		Path written = this.execution.downloadResultFile("plot.png", this.dir);

		assertThat(written).isEqualTo(this.dir.toAbsolutePath().normalize().resolve("plot.png"));
		assertThat(Files.readAllBytes(written)).isEqualTo(content);
		assertThat(listing()).containsExactly(written);
		assertThat(LifecycleFixtures.count(wm, getRequestedFor(urlPathEqualTo(FILE_PATH)))).isEqualTo(1);
	}

	@Test
	void existingFileIsReplacedOnSuccess() throws IOException {
		Path existing = Files.writeString(this.dir.resolve("plot.png"), "old content that is longer than the new");
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200).withBody("new")));

		Path written = this.execution.downloadResultFile("plot.png", this.dir);

		assertThat(written).isEqualTo(existing.toAbsolutePath().normalize());
		assertThat(Files.readString(written)).isEqualTo("new");
		assertThat(listing()).containsExactly(written);
	}

	@Test
	void connectionCutMidFileLeavesNoFile() throws IOException {
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

		Throwable ex = catchThrowable(() -> this.execution.downloadResultFile("plot.png", this.dir));

		assertThat(ex).isInstanceOf(HubTransportException.class);
		assertThat(listing()).isEmpty();
	}

	@Test
	void connectionCutMidFileKeepsTheExistingFile() throws IOException {
		Path existing = Files.writeString(this.dir.resolve("plot.png"), "old");
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

		Throwable ex = catchThrowable(() -> this.execution.downloadResultFile("plot.png", this.dir));

		assertThat(ex).isInstanceOf(HubTransportException.class);
		assertThat(listing()).containsExactly(existing);
		assertThat(Files.readString(existing)).isEqualTo("old");
	}

	@Test
	void notFoundFileFailsAndLeavesNoFile() throws IOException {
		Path existing = Files.writeString(this.dir.resolve("plot.png"), "old");
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(404).withBody("no such file")));

		Throwable ex = catchThrowable(() -> this.execution.downloadResultFile("plot.png", this.dir));

		assertThat(ex).isInstanceOf(HubApiException.class);
		assertThat(((HubApiException) ex).statusCode()).isEqualTo(404);
		assertThat(listing()).containsExactly(existing);
		assertThat(Files.readString(existing)).isEqualTo("old");
	}

	@Test
	void resultFileStreamReturnsTheBytes() throws IOException {
		byte[] content = bytes(200_000);
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200).withBody(content)));

		try (InputStream stream = this.execution.resultFileStream("plot.png")) {
			assertThat(stream.readAllBytes()).isEqualTo(content);
		}
		assertThat(LifecycleFixtures.count(wm, getRequestedFor(urlPathEqualTo(FILE_PATH)))).isEqualTo(1);
	}

	@Test
	void resultFileStreamCanBeClosedBeforeTheEnd() throws IOException {
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200).withBody(bytes(1_000_000))));

		try (InputStream stream = this.execution.resultFileStream("plot.png")) {
			assertThat(stream.readNBytes(10)).hasSize(10);
		}
		// the client stays usable after an early close
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.RESULT_PATH + "/small.txt"))
			.willReturn(aResponse().withStatus(200).withBody("small")));
		try (InputStream stream = this.execution.resultFileStream("small.txt")) {
			assertThat(new String(stream.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("small");
		}
	}

	@Test
	void resultFileStreamFailsOnOpenForNotFound() {
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(404)));

		Throwable ex = catchThrowable(() -> this.execution.resultFileStream("plot.png").close());

		assertThat(ex).isInstanceOf(HubApiException.class);
		assertThat(((HubApiException) ex).statusCode()).isEqualTo(404);
	}

}
