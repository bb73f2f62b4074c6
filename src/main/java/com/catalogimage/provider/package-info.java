/**
 * Calling the image providers: the {@link com.catalogimage.provider.ImageClient} port, one implementation per wire
 * format (the sub-packages, internal to this one), streaming decode of base64 image data to disk, the classification
 * of every failure into retryable, item-level or systemic where it is observed, and the choice of client and key for
 * the configured provider (the simulator's, when it is the provider).
 */
@NullMarked
package com.catalogimage.provider;

import org.jspecify.annotations.NullMarked;
