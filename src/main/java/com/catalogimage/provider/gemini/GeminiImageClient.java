package com.catalogimage.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.LocalFileOutput;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.ReferenceImage;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Gemini {@code models/{model}:generateContent}. See https://ai.google.dev/gemini-api/docs/image-generation.
 */
public final class GeminiImageClient implements ImageClient {

	private static final Logger log = LoggerFactory.getLogger(GeminiImageClient.class);

	/** Finish reasons that are content decisions: another attempt rarely changes them. */
	private static final Set<String> CONTENT_BLOCKS = Set.of("SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT",
			"IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION", "LANGUAGE", "MAX_TOKENS");

	/** Gemini's limit on a whole inline request, reference images included. */
	static final long MAX_REQUEST_BYTES = 20L * 1024 * 1024;

	/** Answers without an image are model flakiness: worth two more attempts, not five. */
	private static final int NO_IMAGE_ATTEMPTS = 3;

	private final ProviderHttp http;

	private final String baseUrl;

	private final Supplier<@Nullable String> apiKey;

	private final ProviderProperties properties;

	private final GeminiErrorClassifier errors;

	public GeminiImageClient(ProviderHttp http, String baseUrl, Supplier<@Nullable String> apiKey,
			ProviderProperties properties, SecretRedactor redactor) {
		this.http = http;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.apiKey = apiKey;
		this.properties = properties;
		this.errors = new GeminiErrorClassifier(redactor);
	}

	@Override
	public GeneratedImage generate(ImageRequest request, Path workDirectory) throws ProviderFailure {
		if (request.referenceImages().isEmpty()) {
			return send(request, HttpRequest.BodyPublishers.ofByteArray(body(request)), workDirectory);
		}
		// With reference images the body can approach 20 MB: it goes through a file, not the heap.
		checkReferences(request);
		Path file = writeBody(request, workDirectory);
		try {
			long size = Files.size(file);
			if (size > MAX_REQUEST_BYTES) {
				throw tooLarge(size);
			}
			return send(request, HttpRequest.BodyPublishers.ofFile(file), workDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(file);
		}
	}

	private GeneratedImage send(ImageRequest request, HttpRequest.BodyPublisher body, Path workDirectory) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint(request.model()))
			.timeout(this.properties.readTimeoutFor(request.size()))
			.header("Content-Type", "application/json")
			.POST(body);
		String key = this.apiKey.get();
		if (key != null) {
			builder.header("x-goog-api-key", key);
		}
		GeminiAnswer answer = this.http.exchange(builder.build(), this.properties.readTimeoutFor(request.size()),
				in -> GeminiResponseReader.read(in, workDirectory), this.errors::classify);
		GeneratedImage image = toImage(answer);
		if (answer.imageIsThought()) {
			log.info("The answer's only image was flagged as a thought (model {}); it is kept rather than paid for again",
					request.model());
		}
		return image;
	}

	/**
	 * Every reference must still be a readable image, and their base64 alone must leave room under the request limit;
	 * both are decided before anything is written or sent.
	 */
	private static void checkReferences(ImageRequest request) {
		long base64 = 0;
		for (ReferenceImage reference : request.referenceImages()) {
			String name = reference.file().getFileName().toString();
			if (ImageFormat.fromMimeType(reference.mimeType()).isEmpty()) {
				throw new ItemFailure("reference-not-an-image",
						"reference image " + name + " is missing, unreadable or not a PNG, JPEG or WebP image");
			}
			try {
				base64 += (Files.size(reference.file()) + 2) / 3 * 4;
			}
			catch (IOException ex) {
				throw new ItemFailure("reference-unreadable", "cannot read reference image " + name);
			}
		}
		if (base64 > MAX_REQUEST_BYTES) {
			throw tooLarge(base64);
		}
	}

	/**
	 * Writes the request body to a temp file. A failure to write it is our disk's, not the product's: it would fail
	 * the same way for every product, so it is a {@link LocalWriteException} (nothing was sent yet) rather than a
	 * skip; a reference image that cannot be read still skips its product.
	 */
	private static Path writeBody(ImageRequest request, Path workDirectory) {
		Path file = workDirectory;
		try {
			Files.createDirectories(workDirectory);
			file = Files.createTempFile(workDirectory, "request-", ".json");
		}
		catch (IOException ex) {
			throw LocalWriteException.of(file, ex);
		}
		try (OutputStream out = LocalFileOutput.open(file, false)) {
			GeminiRequestWriter.write(request, out);
			return file;
		}
		catch (IOException | JacksonException ex) {
			deleteQuietly(file);
			throw new ItemFailure("reference-unreadable",
					"cannot read a reference image: " + ex.getClass().getSimpleName());
		}
		catch (RuntimeException ex) {
			deleteQuietly(file);
			throw ex;
		}
	}

	private static ItemFailure tooLarge(long bytes) {
		return new ItemFailure("request-too-large", "the request with its reference images would be about "
				+ (bytes + 524_288) / 1_048_576 + " MB; Gemini accepts at most 20 MB per request");
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// a leftover request file in the work directory is harmless
		}
	}

	private URI endpoint(String model) {
		String base = this.baseUrl;
		String lower = base.toLowerCase(Locale.ROOT);
		if (!lower.endsWith("/v1beta") && !lower.endsWith("/v1")) {
			base = base + "/v1beta";
		}
		return URI.create(base + "/models/" + model + ":generateContent");
	}

	private static byte[] body(ImageRequest request) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
		try {
			GeminiRequestWriter.write(request, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static GeneratedImage toImage(GeminiAnswer answer) {
		if (answer.blockReason() != null) {
			discard(answer);
			throw new ItemFailure("blocked:" + answer.blockReason(),
					"the prompt was blocked (promptFeedback.blockReason " + answer.blockReason() + ")");
		}
		ImageFileSink image = answer.image();
		String finish = answer.finishReason() == null ? "STOP" : answer.finishReason();
		if (image != null && answer.imageIsThought() && !"STOP".equals(finish)) {
			// a draft is the product only of an answer that finished normally, never of one blocked after drafting
			image.discard();
			image = null;
		}
		if (image == null) {
			if (CONTENT_BLOCKS.contains(finish)) {
				throw new ItemFailure(finish, "no image: the model stopped with finishReason " + finish);
			}
			throw new RetryableFailure("no-image:" + finish, "the answer carried no image (finishReason " + finish + ")",
					200, null, false, NO_IMAGE_ATTEMPTS, null);
		}
		ImageFormat format = image.format().orElse(null);
		if (format == null) {
			image.discard();
			throw new ItemFailure("not-an-image", "the inlineData bytes are not a PNG, JPEG or WebP image");
		}
		return new GeneratedImage(image.file(), format, image.count(), image.sha256Hex(), answer.usage());
	}

	private static void discard(GeminiAnswer answer) {
		if (answer.image() != null) {
			answer.image().discard();
		}
	}

}
