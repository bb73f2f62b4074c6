package com.catalogimage.provider;

import org.jspecify.annotations.Nullable;

/**
 * One line of a batch's results.
 *
 * @param key the key the line carries, or null when it carries none (such a line cannot be matched, but its image was
 * billed all the same)
 * @param index the line's position in its {@link ResultSource}, from 0: with the source it names this output for good
 * (reading the source again yields the same index), so re-reading after a failure can be told apart from a provider's
 * duplicate output for the same key, which comes at another index
 * @param outcome the image, or why there is none
 */
public record BatchResultLine(@Nullable String key, long index, BatchOutcome outcome) {
}
