/**
 * Calling the image providers: the {@link com.catalogimage.provider.ImageClient} port, one implementation per wire
 * format, streaming decode of base64 image data to disk, and the classification of every failure into retryable,
 * item-level or systemic where it is observed.
 */
@NullMarked
package com.catalogimage.provider;

import org.jspecify.annotations.NullMarked;
