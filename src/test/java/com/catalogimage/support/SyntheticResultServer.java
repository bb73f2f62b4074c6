package com.catalogimage.support;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves a batch result file of any size on loopback, generated while it is sent and never stored: line i is Gemini's
 * {@code {"key": "k<i>", "response": <a generateContent answer>}} or OpenAI's {@code {"custom_id": "k<i>", "response":
 * {"status_code": 200, "body": <an images/generations answer>}}}, whose one image is a PNG signature followed by
 * pseudo-random bytes of the given size. The SHA-256 of every image sent is kept, so a reader can be checked
 * byte for byte. Any path answers with the file (chunked, no length).
 */
public final class SyntheticResultServer implements AutoCloseable {

	/** The wire format of the lines: what comes before and after each line's base64 image. */
	public enum Shape {

		GEMINI("{\"key\":\"k%d\",\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
				+ "[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"",
				"\"}}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
						+ "\"candidatesTokenCount\":1120}}}\n"),

		OPENAI("{\"id\":\"batch_req_%d\",\"custom_id\":\"k%<d\",\"response\":{\"status_code\":200,\"request_id\":"
				+ "\"req_synthetic\",\"body\":{\"created\":1764000000,\"data\":[{\"b64_json\":\"",
				"\"}],\"usage\":{\"input_tokens\":12,\"output_tokens\":1056,\"total_tokens\":1068}}},\"error\":null}\n");

		private final String before;

		private final String after;

		Shape(String before, String after) {
			this.before = before;
			this.after = after;
		}

	}

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	private final HttpServer server;

	private final Shape shape;

	private final List<Long> imageSizes;

	private final Map<Integer, String> sent = new ConcurrentHashMap<>();

	/** A Gemini responses file. */
	public SyntheticResultServer(List<Long> imageSizes) {
		this(Shape.GEMINI, imageSizes);
	}

	public SyntheticResultServer(Shape shape, List<Long> imageSizes) {
		this.shape = shape;
		this.imageSizes = List.copyOf(imageSizes);
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", exchange -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
				exchange.sendResponseHeaders(200, 0);
				try (OutputStream out = new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
					for (int i = 0; i < this.imageSizes.size(); i++) {
						writeLine(out, i, this.imageSizes.get(i));
					}
				}
			}
		});
		this.server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The hex SHA-256 of line {@code index}'s image as it was sent, or null if it was not (yet). */
	public String sha256(int index) {
		return this.sent.get(index);
	}

	private void writeLine(OutputStream out, int index, long size) throws IOException {
		out.write(this.shape.before.formatted(index).getBytes(StandardCharsets.US_ASCII));
		MessageDigest digest = sha256();
		SplittableRandom random = new SplittableRandom(index);
		byte[] chunk = new byte[48 * 1024];
		try (OutputStream base64 = Base64.getEncoder().wrap(new FilterOutputStream(out) {

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.out.write(bytes, offset, length);
			}

			@Override
			public void close() {
				// the encoder's close writes the padding; the response goes on
			}

		})) {
			long left = size;
			boolean first = true;
			while (left > 0) {
				int n = (int) Math.min(chunk.length, left);
				random.nextBytes(chunk);
				if (first) {
					System.arraycopy(PNG_SIGNATURE, 0, chunk, 0, Math.min(n, PNG_SIGNATURE.length));
					first = false;
				}
				digest.update(chunk, 0, n);
				base64.write(chunk, 0, n);
				left -= n;
			}
		}
		out.write(this.shape.after.getBytes(StandardCharsets.US_ASCII));
		this.sent.put(index, HexFormat.of().formatHex(digest.digest()));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * For a manual measurement: {@code SyntheticResultServer <lines> <bytes per image> [gemini|openai]} serves such a
	 * file until stopped and prints its URL.
	 */
	public static void main(String[] args) throws InterruptedException {
		int lines = Integer.parseInt(args[0]);
		long size = Long.parseLong(args[1]);
		Shape shape = args.length > 2 ? Shape.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)) : Shape.GEMINI;
		SyntheticResultServer server = new SyntheticResultServer(shape, java.util.Collections.nCopies(lines, size));
		System.out.println(server.baseUrl());
		Thread.currentThread().join();
	}

}
