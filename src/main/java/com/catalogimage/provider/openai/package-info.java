/**
 * The OpenAI-compatible {@code images/generations} wire format (OpenAI itself and the many relays that expose its
 * shape): request writing with the size mapping, streaming response reading and error classification. See
 * https://platform.openai.com/docs/api-reference/images/create.
 */
@NullMarked
package com.catalogimage.provider.openai;

import org.jspecify.annotations.NullMarked;
