package com.catalogimage.generation;

import com.catalogimage.provider.GeneratedImage;

/**
 * An image the provider delivered, with what the attempts to get it cost in calls, time and money.
 *
 * @param journalId the attempt journal's row of the call that delivered it, for {@link ProviderCaller#unsaved}
 */
record Delivery(GeneratedImage image, AttemptStats stats, Cost cost, long journalId) {
}
