package io.qhub.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.core.PollingPolicy;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One application instance in a JVM of its own, for
 * {@link TrackingInstancesIntegrationTests}: a client of the test's gateway and a tracker
 * on the test's PostgreSQL, whose listener appends each completion's idempotency key to a
 * file (forced to disk before the listener returns, so a {@code kill -9} loses no
 * delivery that happened). A SIGTERM closes the tracker (a shutdown hook, as Spring's
 * context closes it). Prints {@code READY} once the tracker runs.
 */
public final class TrackerInstance {

	private TrackerInstance() {
	}

	/**
	 * Runs until killed.
	 * @param args the JDBC URL, the gateway's service endpoint, the instance id, the
	 * lease, the tick, the file of deliveries and the offset of this instance's clock
	 * (durations in ISO-8601)
	 * @throws Exception never but when interrupted
	 */
	public static void main(String[] args) throws Exception {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[0]);
		HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(args[1])
			.polling(new PollingPolicy(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMinutes(5)))
			.build();
		FileChannel deliveries = FileChannel.open(Path.of(args[5]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
		HubExecutionTracker tracker = HubExecutionTracker.builder()
			.client("default", client.reactive())
			.store(new JdbcTrackedExecutionStore(dataSource))
			.instanceId(args[2])
			.lease(Duration.parse(args[3]))
			.tick(Duration.parse(args[4]))
			.clock(Clock.offset(Clock.systemUTC(), Duration.parse(args[6])))
			.maxConcurrency(Integer.parseInt(args[7]))
			.listener((finished) -> {
				try {
					deliveries
						.write(ByteBuffer.wrap((finished.idempotencyKey() + "\n").getBytes(StandardCharsets.UTF_8)));
					deliveries.force(false);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			})
			.build();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			tracker.close();
			client.close();
		}));
		System.out.println("READY");
		System.out.flush();
		Thread.currentThread().join();
	}

}
