package com.catalogimage.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.catalogimage.image.Dimensions;
import com.catalogimage.storage.ProductRecord;
import org.jspecify.annotations.Nullable;

/**
 * The contact sheet of report.html: a thumbnail per image, in catalog order, each linking to the full image by a
 * relative path, so the folder can be copied or served as it is. Capped (see {@link ReportProperties}) so a catalog
 * of 100 000 products still gives a page a browser opens at once.
 *
 * @param imageCount all products with an image
 * @param shown the images on the sheet: the first ones, at most the cap
 * @param figures one per image shown, made as the template reaches it (the rows are already in memory, capped)
 */
record ContactSheet(long imageCount, int shown, Iterable<Figure> figures) {

	/**
	 * @param href the full image, relative to the page
	 * @param thumbnail null when none could be made (e.g. a WebP the JDK cannot decode)
	 */
	record Figure(String href, @Nullable Thumbnail thumbnail, String sku, String name, String status) {
	}

	/** @param src the thumbnail, relative to the page */
	record Thumbnail(String src, int width, int height) {
	}

	/** @param thumbnails sku to thumbnail width and height, for the images that got one */
	static ContactSheet of(ReportData data, Map<String, Dimensions> thumbnails) {
		Iterable<Figure> figures = () -> data.images().stream().map(row -> figure(row, thumbnails.get(row.sku())))
			.iterator();
		return new ContactSheet(data.imageCount(), data.images().size(), figures);
	}

	boolean capped() {
		return this.shown < this.imageCount;
	}

	private static Figure figure(ProductRecord row, @Nullable Dimensions size) {
		Thumbnail thumbnail = size == null ? null
				: new Thumbnail(relativeUrl("thumbs/" + row.sku() + ".jpg"), size.width(), size.height());
		return new Figure(relativeUrl(String.valueOf(row.image().path())), thumbnail, row.sku(), row.name(), row.status());
	}

	/**
	 * A relative URL for a path inside the output folder: each segment percent-encoded, so a file name can neither
	 * leave the folder's URL space nor break the attribute.
	 */
	private static String relativeUrl(String path) {
		StringBuilder out = new StringBuilder();
		for (String segment : path.split("/")) {
			if (out.length() > 0) {
				out.append('/');
			}
			out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return out.toString();
	}

}
