package io.qhub.test.gateway;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A result file a scripted service produces. Generated files are streamed in chunks and
 * never held in memory, so a 1 GiB file costs no heap; their content is
 * {@link #generatedByte(long)} at each position, so a test can verify every byte it
 * receives.
 */
public final class ResultFile {

	private static final int CHUNK = 64 * 1024;

	/**
	 * Generated content repeats with this (prime) period, so chunk and buffer boundaries
	 * never line up with it.
	 */
	private static final int PERIOD = 65_521;

	private static final byte[] PATTERN = new byte[PERIOD + CHUNK];

	static {
		for (int i = 0; i < PATTERN.length; i++) {
			PATTERN[i] = (byte) (((i % PERIOD) * 31 + (i % PERIOD) / 251) & 0xff);
		}
	}

	private final String contentType;

	private final long size;

	private final byte @Nullable [] content;

	private ResultFile(String contentType, long size, byte @Nullable [] content) {
		this.contentType = contentType;
		this.size = size;
		this.content = content;
	}

	/**
	 * A file with the given bytes.
	 * @param content the bytes
	 * @param contentType the media type sent
	 * @return the file
	 */
	public static ResultFile of(byte[] content, String contentType) {
		return new ResultFile(contentType, content.length, content.clone());
	}

	/**
	 * A UTF-8 text file.
	 * @param text the text
	 * @return the file
	 */
	public static ResultFile text(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
	}

	/**
	 * A generated binary file of the given size, streamed in 64 KiB chunks.
	 * @param size the size in bytes
	 * @return the file
	 */
	public static ResultFile generated(long size) {
		return new ResultFile("application/octet-stream", size, null);
	}

	/**
	 * The byte a generated file holds at a position.
	 * @param position the position
	 * @return the byte
	 */
	public static byte generatedByte(long position) {
		return PATTERN[(int) (position % PERIOD)];
	}

	/**
	 * The file size in bytes.
	 * @return the size
	 */
	public long size() {
		return this.size;
	}

	/**
	 * The media type sent with the file.
	 * @return the content type
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * The bytes as a stream of chunks; {@code limit} bytes at most.
	 * @param limit how many bytes to send before stopping
	 * @return the chunks
	 */
	Flux<ByteBuf> chunks(long limit) {
		long end = Math.min(limit, this.size);
		if (this.content != null) {
			return Flux.just(Unpooled.wrappedBuffer(this.content, 0, (int) end));
		}
		return Flux.generate(() -> 0L, (position, sink) -> {
			if (position >= end) {
				sink.complete();
				return position;
			}
			int length = (int) Math.min(CHUNK, end - position);
			sink.next(Unpooled.wrappedBuffer(PATTERN, (int) (position % PERIOD), length));
			return position + length;
		});
	}

}
