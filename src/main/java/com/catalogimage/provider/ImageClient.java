package com.catalogimage.provider;

import java.nio.file.Path;

/**
 * One call to an image-generation API. Implementations stream the image into a file under {@code workDirectory}
 * and translate every failure into a {@link ProviderFailure} subtype, which decides whether the call is retried, the
 * product skipped, or the job stopped.
 */
public interface ImageClient {

	GeneratedImage generate(ImageRequest request, Path workDirectory) throws ProviderFailure;

}
