/**
 * The Gemini {@code generateContent} wire format: request writing, streaming response reading and error
 * classification. See https://ai.google.dev/api/generate-content.
 */
@NullMarked
package com.catalogimage.provider.gemini;

import org.jspecify.annotations.NullMarked;
