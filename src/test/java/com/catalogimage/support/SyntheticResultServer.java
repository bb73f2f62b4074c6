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
 * Serves a Gemini batch responses file of any size on loopback, generated while it is sent and never stored: line i
 * is {@code {"key": "k<i>", "response": <a generateContent answer>}} whose one image is a PNG signature followed by
 * pseudo-random bytes of the given size. The SHA-256 of every image sent is kept, so a reader can be checked
 * byte for byte. Any path answers with the file (chunked, no length).
 */
public final class SyntheticResultServer implements AutoCloseable {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	private final HttpServer server;

	private final List<Long> imageSizes;

	private final Map<Integer, String> sent = new ConcurrentHashMap<>();

	public SyntheticResultServer(List<Long> imageSizes) {
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
		out.write(("{\"key\":\"k" + index + "\",\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
				+ "[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"").getBytes(StandardCharsets.US_ASCII));
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
		out.write(("\"}}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
				+ "\"candidatesTokenCount\":1120}}}\n").getBytes(StandardCharsets.US_ASCII));
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
	 * For a manual measurement: {@code SyntheticResultServer <lines> <bytes per image>} serves such a file until
	 * stopped and prints its URL.
	 */
	public static void main(String[] args) throws InterruptedException {
		int lines = Integer.parseInt(args[0]);
		long size = Long.parseLong(args[1]);
		SyntheticResultServer server = new SyntheticResultServer(java.util.Collections.nCopies(lines, size));
		System.out.println(server.baseUrl());
		Thread.currentThread().join();
	}

}
