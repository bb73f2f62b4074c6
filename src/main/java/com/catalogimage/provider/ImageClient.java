package com.catalogimage.provider;

import java.nio.file.Path;

/**
 * One call to an image-generation API. Implementations stream the image into the next of {@code files} and translate
 * every failure into a {@link ProviderFailure} subtype, which decides whether the call is retried, the product
 * skipped, or the job stopped.
 */
public interface ImageClient {

	GeneratedImage generate(ImageRequest request, ImageFiles files) throws ProviderFailure;

	/** The same, with the image's file made in {@code workDirectory} when the image arrives. */
	default GeneratedImage generate(ImageRequest request, Path workDirectory) throws ProviderFailure {
		return generate(request, ImageFiles.in(workDirectory));
	}

}
