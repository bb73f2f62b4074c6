package com.catalogimage.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.ImageFormat;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import org.jspecify.annotations.Nullable;

/**
 * Gemini {@code models/{model}:generateContent}. See https://ai.google.dev/gemini-api/docs/image-generation.
 */
public final class GeminiImageClient implements ImageClient {

	/** Finish reasons that are content decisions: another attempt rarely changes them. */
	private static final Set<String> CONTENT_BLOCKS = Set.of("SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT",
			"IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION", "LANGUAGE", "MAX_TOKENS");

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
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint(request.model()))
			.timeout(this.properties.readTimeoutFor(request.size()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body(request)));
		String key = this.apiKey.get();
		if (key != null) {
			builder.header("x-goog-api-key", key);
		}
		GeminiAnswer answer = this.http.exchange(builder.build(), this.properties.readTimeoutFor(request.size()),
				body -> GeminiResponseReader.read(body, workDirectory), this.errors::classify);
		return toImage(answer);
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
