package com.catalogimage.storage;

import java.nio.file.Path;

/** The paths inside the output folder, in one place. */
public record OutputLayout(Path root) {

	public OutputLayout {
		root = root.toAbsolutePath().normalize();
	}

	public Path images() {
		return this.root.resolve("images");
	}

	public Path cache() {
		return this.root.resolve(".cache");
	}

	/** Where calls decode their images before the cache takes them; same file system as the cache. */
	public Path work() {
		return cache().resolve("tmp");
	}

	/** Where images that failed the quality gate go, so a person can look at them. */
	public Path quarantine() {
		return this.root.resolve("quarantine");
	}

	public Path reportCsv() {
		return this.root.resolve("report.csv");
	}

	public Path rejectedCsv() {
		return this.root.resolve("rejected.csv");
	}

	public Path summaryCsv() {
		return this.root.resolve("summary.csv");
	}

	public Path reportHtml() {
		return this.root.resolve("report.html");
	}

	/** Small JPEG copies of the images for report.html's contact sheet. */
	public Path thumbs() {
		return this.root.resolve("thumbs");
	}

	/** A path relative to the output folder, as reports show it. */
	public String relative(Path path) {
		return this.root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
	}

}
