package io.qhub.it;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams a 1 GiB generated result file to disk through {@code downloadResultFile}. Runs
 * in its own Surefire execution with {@code -Xmx64m}: buffering the file anywhere would
 * fail with {@code OutOfMemoryError}. Prints the time taken and the peak heap; asserts
 * size and content, never time.
 */
class LargeDownloadIntegrationTests {

	private static final long ONE_GIB = 1024L * 1024 * 1024;

	@Test
	void oneGibFileStreamsToDiskWithinA64MibHeap(@TempDir Path directory) throws IOException {
		assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx64m")
			.isLessThanOrEqualTo(80L * 1024 * 1024);
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.handler((request) -> ServiceOutcome.success(Map.of("size", ONE_GIB))
				.withFile("big.bin", ResultFile.generated(ONE_GIB)))
			.start();
				HubServiceClient client = HubServiceClient.builder()
					.serviceEndpoint(gateway.serviceEndpoint())
					.build()) {
			HubServiceExecution execution = client.run(Map.of("size", ONE_GIB));
			execution.waitForFinalState();
			resetPeakHeap();
			long started = System.nanoTime();
			Path file = execution.downloadResultFile("big.bin", directory);
			double seconds = (System.nanoTime() - started) / 1e9;
			long peakHeap = peakHeap();

			assertThat(file).isEqualTo(directory.resolve("big.bin").toAbsolutePath().normalize());
			assertThat(Files.size(file)).isEqualTo(ONE_GIB);
			assertThat(crc(file)).isEqualTo(expectedCrc(ONE_GIB));
			try (var listing = Files.list(directory)) {
				assertThat(listing.map(Path::getFileName).map(Path::toString)).containsExactly("big.bin");
			}
			System.out.printf("METRIC 1 GiB download: %.2f s (%.0f MiB/s), peak heap %d MiB (max heap %d MiB)%n",
					seconds, 1024 / seconds, peakHeap / (1024 * 1024),
					Runtime.getRuntime().maxMemory() / (1024 * 1024));
		}
	}

	private static long crc(Path file) throws IOException {
		CRC32 crc = new CRC32();
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				crc.update(buffer, 0, read);
			}
		}
		return crc.getValue();
	}

	private static long expectedCrc(long size) {
		CRC32 crc = new CRC32();
		byte[] buffer = new byte[1 << 16];
		for (long position = 0; position < size; position += buffer.length) {
			int length = (int) Math.min(buffer.length, size - position);
			for (int i = 0; i < length; i++) {
				buffer[i] = ResultFile.generatedByte(position + i);
			}
			crc.update(buffer, 0, length);
		}
		return crc.getValue();
	}

	private static void resetPeakHeap() {
		ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long peakHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum();
	}

}
