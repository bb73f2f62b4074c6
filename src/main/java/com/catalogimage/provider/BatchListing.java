package com.catalogimage.provider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Walks a provider's paged listing of batches for {@link BatchImageClient#findByDisplayName}: every page, keeping the
 * batches of that name, until the provider says there is no next page. A listing that hands out a cursor it handed out
 * before, or runs past the page limit, never ends: that is a {@link RetryableFailure}, since whether the batch exists
 * cannot be told, and creating another could pay twice.
 */
public final class BatchListing {

	private BatchListing() {
	}

	/**
	 * One page of a listing.
	 *
	 * @param next the cursor of the next page (Gemini's {@code nextPageToken}, OpenAI's {@code after}), or null at the
	 * end
	 */
	public record Page(List<BatchStatus> batches, @Nullable String next) {
	}

	/** Reads the page at a cursor (null for the first page). */
	@FunctionalInterface
	public interface PageReader {

		Page read(@Nullable String cursor);

	}

	public static List<BatchStatus> findByDisplayName(String displayName, int maxPages, PageReader pages) {
		List<BatchStatus> found = new ArrayList<>();
		Set<String> cursors = new HashSet<>();
		String cursor = null;
		for (int page = 0; page < maxPages; page++) {
			Page listed = pages.read(cursor);
			listed.batches().stream().filter(batch -> batch.displayName().equals(displayName)).forEach(found::add);
			cursor = listed.next();
			if (cursor == null) {
				return found;
			}
			if (!cursors.add(cursor)) {
				break;
			}
		}
		throw new RetryableFailure("listing-endless", "the batch listing did not end; cannot tell whether a batch named "
				+ displayName + " exists", 200, null);
	}

}
