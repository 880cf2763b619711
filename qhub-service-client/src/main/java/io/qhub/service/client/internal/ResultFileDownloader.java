package io.qhub.service.client.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

import io.qhub.service.core.HubClientException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Writes a result file into a directory without ever leaving a partial file: the name is
 * checked so it cannot leave the directory, the bytes stream into a temporary file beside
 * the target, and only a complete download is moved into place (atomically where the file
 * system allows), replacing an existing file. On any failure the temporary file is
 * deleted and an existing target is left as it was. The temporary file is created only
 * once the answer has begun to arrive, so a download waiting for a connection holds no
 * file and no open channel (created first, 10,000 downloads queued for connections held
 * as many open channels and write queues, 4 KiB each), while the answers waiting for a
 * writer are bounded by the connections, whose permits streamed answers keep until their
 * body is read.
 */
public final class ResultFileDownloader {

	private static final int PREFETCH = 16;

	/**
	 * Downloads one file.
	 * @param name the result file name
	 * @param targetDirectory an existing directory
	 * @param content the file's bytes, subscribed to once, and only after the name and
	 * directory were checked
	 * @return the path written; fails with the {@link HubClientException} of the call, or
	 * a {@link HubClientException} whose cause is the local {@code IOException} when the
	 * file cannot be written (disk full, name too long, the name taken by a directory)
	 * @throws IllegalArgumentException when the directory is missing or not a directory,
	 * or the name would leave it
	 */
	public Mono<Path> download(String name, Path targetDirectory, Supplier<Flux<DataBuffer>> content) {
		Path target = target(name, targetDirectory);
		return Flux.defer(content)
			.switchOnFirst((first, body) -> (first.isOnError()) ? body.then(Mono.<Path>empty())
					: intoPlace(body, targetDirectory, target))
			.next()
			.onErrorMap((ex) -> !(ex instanceof HubClientException),
					(ex) -> new HubClientException("Writing result file '" + printable(name) + "' into "
							+ targetDirectory + " failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
							ex));
	}

	/**
	 * The body through a temporary file into place; the temporary file goes on any
	 * failure.
	 * @param body the file's content as downloaded
	 * @param targetDirectory the directory the temporary file is created in, the one of
	 * {@code target}
	 * @param target where the complete file is moved to
	 * @return the target, once the file is complete there
	 */
	private static Mono<Path> intoPlace(Flux<DataBuffer> body, Path targetDirectory, Path target) {
		return Mono.fromCallable(() -> Files.createTempFile(targetDirectory, ".qhub-download-", ".part"))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((temp) -> write(body, temp).then(Mono.fromCallable(() -> moveIntoPlace(temp, target)))
				.onErrorResume((ex) -> deleteQuietly(temp).then(Mono.error(ex)))
				.doOnCancel(() -> deleteNow(temp)));
	}

	/**
	 * Writes the buffers with a plain {@link FileChannel} on a bounded-elastic worker,
	 * releasing each once written. A worker drains up to {@value #PREFETCH} queued
	 * buffers per hand-off, which is several times faster than
	 * {@code DataBufferUtils.write(Publisher, Path)}: its {@code AsynchronousFileChannel}
	 * hands every buffer to another thread on its own (the benchmark harness measured
	 * about a quarter of curl's throughput on a 1 GiB file).
	 * @param content the buffers to write, each released once written or discarded
	 * @param temp the temporary file written to, which must exist
	 * @return completes once every buffer is written and the channel closed
	 */
	private static Mono<Void> write(Flux<DataBuffer> content, Path temp) {
		return Mono.using(() -> FileChannel.open(temp, StandardOpenOption.WRITE),
				(channel) -> DataBufferUtils
					.write(content.publishOn(Schedulers.boundedElastic(), PREFETCH)
						.doOnDiscard(DataBuffer.class, DataBufferUtils::release), channel)
					.doOnNext(DataBufferUtils::release)
					.then(),
				ResultFileDownloader::closeQuietly);
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// the download fails or succeeds on its own; a close failure after the last
			// write changes nothing
		}
	}

	/**
	 * Resolves the target path, rejecting names that would leave the directory.
	 * @param name the file name
	 * @param targetDirectory the directory
	 * @return the target path
	 */
	static Path target(String name, Path targetDirectory) {
		if (targetDirectory == null || !Files.isDirectory(targetDirectory)) {
			throw new IllegalArgumentException(
					"targetDirectory must be an existing directory, was '" + targetDirectory + "'");
		}
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Result file name must not be empty");
		}
		if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
				|| name.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Result file name '" + printable(name)
					+ "' would leave the target directory: it must not contain '/', '\\' or be '.' or '..'");
		}
		try {
			Path directory = targetDirectory.toAbsolutePath().normalize();
			Path target = directory.resolve(name).normalize();
			if (Path.of(name).isAbsolute() || !directory.equals(target.getParent())) {
				throw new IllegalArgumentException(
						"Result file name '" + printable(name) + "' would leave the target directory");
			}
			return target;
		}
		catch (InvalidPathException ex) {
			throw new IllegalArgumentException(
					"Result file name '" + printable(name) + "' is not a valid file name: " + ex.getReason(), ex);
		}
	}

	private static Path moveIntoPlace(Path temp, Path target) throws IOException {
		try {
			return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static Mono<Void> deleteQuietly(Path temp) {
		return Mono.fromRunnable(() -> deleteNow(temp)).subscribeOn(Schedulers.boundedElastic()).then();
	}

	private static void deleteNow(Path temp) {
		try {
			Files.deleteIfExists(temp);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete the partial download " + temp, ex);
		}
	}

	private static String printable(String name) {
		return name.replace("\0", "\\0");
	}

}
