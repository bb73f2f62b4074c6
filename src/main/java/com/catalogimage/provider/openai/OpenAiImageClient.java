package com.catalogimage.provider.openai;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.SystemicFailure;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI-compatible {@code POST /v1/images/generations} with bearer auth. See
 * https://platform.openai.com/docs/api-reference/images/create.
 */
public final class OpenAiImageClient implements ImageClient {

	/** Answers without an image are flakiness (of a relay, mostly): worth two more attempts, not five. */
	private static final int NO_IMAGE_ATTEMPTS = 3;

	private final ProviderHttp http;

	private final String baseUrl;

	private final Supplier<@Nullable String> apiKey;

	private final ProviderProperties properties;

	private final OpenAiErrorClassifier errors;

	public OpenAiImageClient(ProviderHttp http, String baseUrl, Supplier<@Nullable String> apiKey,
			ProviderProperties properties, SecretRedactor redactor) {
		this(http, baseUrl, apiKey, properties, redactor, Clock.systemUTC());
	}

	OpenAiImageClient(ProviderHttp http, String baseUrl, Supplier<@Nullable String> apiKey,
			ProviderProperties properties, SecretRedactor redactor, Clock clock) {
		this.http = http;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.apiKey = apiKey;
		this.properties = properties;
		this.errors = new OpenAiErrorClassifier(redactor, clock);
	}

	@Override
	public GeneratedImage generate(ImageRequest request, Path workDirectory) throws ProviderFailure {
		if (!request.referenceImages().isEmpty()) {
			throw new ItemFailure("reference-image-unsupported",
					"images/generations takes no reference images; use a Gemini model for rows with reference_image");
		}
		OpenAiModel model = OpenAiModel.of(request.model());
		String size = model.size(request.size(), request.aspectRatio())
			.orElseThrow(() -> new ItemFailure("size-unsupported", request.model() + " has no output of size "
					+ request.size().wire() + " at " + request.aspectRatio() + " (see docs/DESIGN-NOTES.md)"));
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint())
			.timeout(this.properties.readTimeoutFor(request.size()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(OpenAiRequestWriter.write(request, model, size)));
		String key = this.apiKey.get();
		if (key != null) {
			builder.header("Authorization", "Bearer " + key);
		}
		OpenAiAnswer answer = this.http.exchange(builder.build(), this.properties.readTimeoutFor(request.size()),
				body -> OpenAiResponseReader.read(body, workDirectory), this.errors::classify);
		return toImage(answer);
	}

	private URI endpoint() {
		String base = this.baseUrl;
		if (!base.toLowerCase(Locale.ROOT).endsWith("/v1")) {
			base = base + "/v1";
		}
		return URI.create(base + "/images/generations");
	}

	private static GeneratedImage toImage(OpenAiAnswer answer) {
		ImageFileSink image = answer.image();
		if (image == null) {
			if (answer.urlOnly()) {
				// every further call would answer the same way: a configuration problem, not this product's
				throw new SystemicFailure("url-only", "the provider answered with an image URL, not b64_json inline data",
						SystemicFailure.Ending.FAIL);
			}
			throw new RetryableFailure("no-image", "the answer carried no data[0].b64_json image", 200, null, false,
					NO_IMAGE_ATTEMPTS, null);
		}
		ImageFormat format = image.format().orElse(null);
		if (format == null) {
			image.discard();
			throw new ItemFailure("not-an-image", "the b64_json bytes are not a PNG, JPEG or WebP image");
		}
		return new GeneratedImage(image.file(), format, image.count(), image.sha256Hex(), answer.usage());
	}

}
