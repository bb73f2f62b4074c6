package com.catalogimage.catalog;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which products a run generates: by default those that are new or changed since the image manifest recorded them;
 * with {@code force} all of them; with {@code only} just the listed SKUs, regenerated whatever the manifest says.
 *
 * @param prune delete the images of products no longer in the catalog
 */
public record Selection(boolean force, Set<String> only, boolean prune) {

	public Selection {
		only = new TreeSet<>(only);
	}

	public static final Selection INCREMENTAL = new Selection(false, Set.of(), false);

	public boolean incremental() {
		return !this.force && this.only.isEmpty();
	}

	public boolean includes(String sku) {
		return this.only.isEmpty() || this.only.contains(sku);
	}

	/** A stable word for the job identity: a forced or partial run is a different run from the nightly one. */
	public String identity() {
		if (!this.only.isEmpty()) {
			return "only:" + String.join(",", this.only);
		}
		return this.force ? "force" : "incremental";
	}

}
