package io.qhub.service.client;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.HubTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The download half of the fault matrix: a stream cut halfway, a disk that fills up, a
 * target the file cannot be moved onto, and hostile file names. Each ends in a typed
 * exception (or a file safely inside the target directory), never a partial file, a stray
 * temporary file or a file outside the directory. Already covered in
 * {@link ResultDownloadTests}: a malformed chunk mid-file, 404, a missing or
 * non-directory target, and the names {@code .. . "" a/b a\b /etc/passwd ../x}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DownloadFaultTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String FILE = "plot.png";

	private static final String FILE_PATH = LifecycleFixtures.RESULT_PATH + "/" + FILE;

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
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new Random(7).nextBytes(bytes);
		return bytes;
	}

	private static List<String> listing(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((path) -> path.getFileName().toString()).sorted().toList();
		}
	}

	private static int fileRequests() {
		return LifecycleFixtures.count(wm, getRequestedFor(urlPathMatching(LifecycleFixtures.RESULT_PATH + "/.*")));
	}

	// --- stream cut
	// ---------------------------------------------------------------------------------------------

	@Test
	void streamCutAtHalfLeavesNoFileAndKeepsTheExistingOne() throws IOException {
		Path existing = Files.writeString(this.dir.resolve(FILE), "previous version");
		byte[] content = bytes(200_000);
		// announces 200,000 bytes, sends 100,000, then closes the connection
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Length", Integer.toString(content.length))
			.withBody(java.util.Arrays.copyOf(content, content.length / 2))));

		Throwable ex = catchThrowable(() -> this.execution.downloadResultFile(FILE, this.dir));

		assertThat(ex).isInstanceOf(HubTransportException.class).hasMessageContaining("GET /{id}/result/{file}");
		assertThat(listing(this.dir)).containsExactly(FILE);
		assertThat(Files.readString(existing)).isEqualTo("previous version");
		assertThat(fileRequests()).isEqualTo(1);
	}

	@Test
	void streamCutAtHalfFailsTheInputStreamInsteadOfEndingEarly() throws IOException {
		byte[] content = bytes(200_000);
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Length", Integer.toString(content.length))
			.withBody(java.util.Arrays.copyOf(content, content.length / 2))));

		try (var in = this.execution.resultFileStream(FILE)) {
			Throwable ex = catchThrowable(in::readAllBytes);

			// a truncated file must never look like a complete one
			assertThat(ex).isNotNull();
		}
	}

	// --- a target that rejects writes
	// -----------------------------------------------------------------------------

	@Test
	void diskFullDuringTheDownloadLeavesNoFileAndFailsTyped() throws IOException {
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200).withBody(bytes(1_000_000))));
		try (FileSystem small = Jimfs
			.newFileSystem(Configuration.unix().toBuilder().setBlockSize(8192).setMaxSize(256 * 1024).build())) {
			Path target = Files.createDirectories(small.getPath("/results"));
			Path existing = Files.writeString(target.resolve(FILE), "previous version");

			Throwable ex = catchThrowable(() -> this.execution.downloadResultFile(FILE, target));

			assertThat(ex).isInstanceOf(HubClientException.class)
				.hasMessageContaining(FILE)
				.hasRootCauseInstanceOf(IOException.class);
			assertThat(listing(target)).containsExactly(FILE);
			assertThat(Files.readString(existing)).isEqualTo("previous version");
			// the space is given back: a small file fits afterwards
			wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.RESULT_PATH + "/small.txt"))
				.willReturn(aResponse().withStatus(200).withBody("small")));
			assertThat(Files.readString(this.execution.downloadResultFile("small.txt", target))).isEqualTo("small");
		}
	}

	@Test
	void targetNameTakenByADirectoryFailsTypedAndLeavesNoTemporaryFile() throws IOException {
		Path taken = Files.createDirectory(this.dir.resolve(FILE));
		Files.writeString(taken.resolve("keep.txt"), "keep");
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200).withBody("new")));

		Throwable ex = catchThrowable(() -> this.execution.downloadResultFile(FILE, this.dir));

		assertThat(ex).isInstanceOf(HubClientException.class)
			.hasMessageContaining(FILE)
			.hasRootCauseInstanceOf(IOException.class);
		assertThat(listing(this.dir)).containsExactly(FILE);
		assertThat(listing(taken)).containsExactly("keep.txt");
	}

	@Test
	void nameTooLongForTheFileSystemFailsTypedAndLeavesNoTemporaryFile() throws IOException {
		String name = "n".repeat(300);
		wm.stubFor(get(urlPathMatching(LifecycleFixtures.RESULT_PATH + "/n+"))
			.willReturn(aResponse().withStatus(200).withBody("x")));

		Throwable ex = catchThrowable(() -> this.execution.downloadResultFile(name, this.dir));

		assertThat(ex).isInstanceOf(HubClientException.class);
		assertThat(listing(this.dir)).isEmpty();
	}

	// --- file name attacks
	// ------------------------------------------------------------------------------------------

	@ParameterizedTest(name = "name \"{0}\"")
	@ValueSource(strings = { "a\u0000b", "   ", "..\\..\\windows", "x/../../y", "./x", "/", "\\" })
	void hostileNamesAreRejectedBeforeAnyRequest(String name) throws IOException {
		Throwable ex = catchThrowable(() -> this.execution.downloadResultFile(name, this.dir));

		assertThat(ex).isInstanceOf(IllegalArgumentException.class);
		assertThat(fileRequests()).isZero();
		assertThat(listing(this.dir)).isEmpty();
	}

	@ParameterizedTest(name = "name \"{0}\"")
	@ValueSource(strings = { "%2e%2e", "...", "\uff0e\uff0e", "..plot", "plot..", "-rf", "~", "$HOME", "ünï cödé.txt" })
	void oddButHarmlessNamesAreWrittenInsideTheDirectory(String name) throws IOException {
		wm.stubFor(get(urlPathMatching(LifecycleFixtures.RESULT_PATH + "/.*"))
			.willReturn(aResponse().withStatus(200).withBody("data")));

		Path written = this.execution.downloadResultFile(name, this.dir);

		assertThat(written.getParent()).isEqualTo(this.dir.toAbsolutePath().normalize());
		assertThat(written.getFileName().toString()).isEqualTo(name);
		assertThat(Files.readString(written)).isEqualTo("data");
		assertThat(listing(this.dir)).containsExactly(name);
	}

	@Test
	void hostileLinkNamesFromTheGatewayAreListedButNeverWrittenOutsideTheDirectory() throws IOException {
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.RESULT_PATH)).willReturn(
				LifecycleFixtures.json("{\"_links\":{" + "\"../../escape.txt\":{\"href\":\"http://localhost/x\"},"
						+ "\"/etc/cron.d/evil\":{\"href\":\"http://localhost/y\"}}}")));

		List<String> names = this.execution.resultFiles();

		assertThat(names).containsExactly("../../escape.txt", "/etc/cron.d/evil");
		for (String name : names) {
			assertThat(catchThrowable(() -> this.execution.downloadResultFile(name, this.dir)))
				.isInstanceOf(IllegalArgumentException.class);
		}
		assertThat(fileRequests()).isZero();
		assertThat(listing(this.dir)).isEmpty();
		assertThat(this.dir.getParent().resolve("escape.txt")).doesNotExist();
	}

	@Test
	void symlinkAtTheTargetNameIsReplacedNotFollowed(@TempDir Path outside) throws IOException {
		Path victim = Files.writeString(outside.resolve("victim.txt"), "must not change");
		Files.createSymbolicLink(this.dir.resolve(FILE), victim);
		wm.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200).withBody("downloaded")));

		Path written = this.execution.downloadResultFile(FILE, this.dir);

		assertThat(Files.isSymbolicLink(written)).isFalse();
		assertThat(Files.readString(written)).isEqualTo("downloaded");
		assertThat(Files.readString(victim)).isEqualTo("must not change");
	}

	@Test
	void failedDownloadsMakeNoFurtherCalls() {
		wm.stubFor(get(urlPathEqualTo(FILE_PATH))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Length", "1000").withBody(bytes(500))));

		catchThrowable(() -> this.execution.downloadResultFile(FILE, this.dir));

		// run + one file request: a cut stream is not retried behind the caller's back
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(2);
	}

}
