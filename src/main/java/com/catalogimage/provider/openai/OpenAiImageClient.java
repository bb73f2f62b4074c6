package com.catalogimage.provider.openai;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.function.Supplier;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageFiles;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.SecretRedactor;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI-compatible {@code POST /v1/images/generations} with bearer auth. See
 * https://platform.openai.com/docs/api-reference/images/create.
 */
public final class OpenAiImageClient implements ImageClient {

	private final ProviderHttp http;

	private final OpenAiEndpoints endpoints;

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
		this.endpoints = new OpenAiEndpoints(baseUrl);
		this.apiKey = apiKey;
		this.properties = properties;
		this.errors = new OpenAiErrorClassifier(redactor, clock);
	}

	@Override
	public GeneratedImage generate(ImageRequest request, ImageFiles files) throws ProviderFailure {
		OpenAiModel model = OpenAiModel.of(request.model());
		String size = OpenAiRequestWriter.size(request, model);
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.endpoints.api("images/generations"))
			.timeout(this.properties.readTimeoutFor(request.size()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(OpenAiRequestWriter.write(request, model, size)));
		String key = this.apiKey.get();
		if (key != null) {
			builder.header("Authorization", "Bearer " + key);
		}
		OpenAiAnswer answer = this.http.exchange(builder.build(), this.properties.readTimeoutFor(request.size()),
				body -> OpenAiResponseReader.read(body, files), this.errors::classify);
		return answer.toImage();
	}

}
