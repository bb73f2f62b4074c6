package com.catalogimage.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.ImageFiles;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.LocalFileOutput;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
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

	private final ProviderHttp http;

	private final GeminiEndpoints endpoints;

	private final Supplier<@Nullable String> apiKey;

	private final ProviderProperties properties;

	private final GeminiErrorClassifier errors;

	public GeminiImageClient(ProviderHttp http, String baseUrl, Supplier<@Nullable String> apiKey,
			ProviderProperties properties, SecretRedactor redactor) {
		this.http = http;
		this.endpoints = new GeminiEndpoints(baseUrl);
		this.apiKey = apiKey;
		this.properties = properties;
		this.errors = new GeminiErrorClassifier(redactor);
	}

	@Override
	public GeneratedImage generate(ImageRequest request, ImageFiles files) throws ProviderFailure {
		if (request.referenceImages().isEmpty()) {
			return send(request, HttpRequest.BodyPublishers.ofByteArray(body(request)), files);
		}
		// With reference images the body can approach 20 MB: it goes through a file, not the heap.
		GeminiRequestWriter.checkReferences(request);
		Path file = writeBody(request, files.directory());
		try {
			long size = Files.size(file);
			if (size > GeminiRequestWriter.MAX_REQUEST_BYTES) {
				throw GeminiRequestWriter.tooLarge(size);
			}
			return send(request, HttpRequest.BodyPublishers.ofFile(file), files);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(file);
		}
	}

	private GeneratedImage send(ImageRequest request, HttpRequest.BodyPublisher body, ImageFiles files) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.endpoints.api("models/" + request.model() + ":generateContent"))
			.timeout(this.properties.readTimeoutFor(request.size()))
			.header("Content-Type", "application/json")
			.POST(body);
		String key = this.apiKey.get();
		if (key != null) {
			builder.header("x-goog-api-key", key);
		}
		GeminiAnswer answer = this.http.exchange(builder.build(), this.properties.readTimeoutFor(request.size()),
				in -> GeminiResponseReader.read(in, files), this.errors::classify);
		GeneratedImage image = answer.toImage();
		if (answer.imageIsThought()) {
			log.info("The answer's only image was flagged as a thought (model {}); it is kept rather than paid for again",
					request.model());
		}
		return image;
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

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// a leftover request file in the work directory is harmless
		}
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

}
