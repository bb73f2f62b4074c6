package com.catalogimage.provider;

/**
 * A provider's limits on one batch input file.
 *
 * @param maxBytes the largest file it takes
 * @param maxRequests the most lines it takes
 */
public record BatchLimits(long maxBytes, int maxRequests) {
}
