package com.catalogimage.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The contact sheet of report.html: a thumbnail per image, in catalog order, each linking to the full image by a
 * relative path, so the folder can be copied or served as it is. Capped (see {@link ReportProperties}) so a catalog
 * of 100 000 products still gives a page a browser opens at once.
 */
final class ContactSheet {

	private final Writer out;

	ContactSheet(Writer out) {
		this.out = out;
	}

	void write(ReportData data, Map<String, int[]> thumbnails) throws IOException {
		this.out.write("<h2>Images (" + data.imageCount() + ")</h2>\n");
		if (data.images().isEmpty()) {
			this.out.write("<p class=\"note\">No image to show.</p>\n");
			return;
		}
		if (data.images().size() < data.imageCount()) {
			this.out.write("<p class=\"note\" id=\"sheet-capped\">Showing the first " + data.images().size() + " of "
					+ data.imageCount() + " images in catalog order; all of them are in images/ and report.csv.</p>\n");
		}
		this.out.write("<div class=\"sheet\" id=\"sheet\">\n");
		for (ReportRow row : data.images()) {
			figure(row, thumbnails.get(row.sku()));
		}
		this.out.write("</div>\n");
	}

	private void figure(ReportRow row, int @Nullable [] thumbnail) throws IOException {
		String href = Html.escape(Html.relativeUrl(String.valueOf(row.imagePath())));
		this.out.write("<figure><a class=\"frame\" href=\"" + href + "\">");
		if (thumbnail != null) {
			this.out.write("<img class=\"thumb\" src=\"" + Html.escape(Html.relativeUrl("thumbs/" + row.sku() + ".jpg"))
					+ "\" width=\"" + thumbnail[0] + "\" height=\"" + thumbnail[1] + "\" alt=\"" + Html.escape(row.name())
					+ "\" loading=\"eager\">");
		}
		else {
			this.out.write("<span class=\"missing\">no preview</span>");
		}
		this.out.write("</a><figcaption title=\"" + Html.escape(row.name()) + "\"><b>" + Html.escape(row.sku())
				+ "</b> <span class=\"status " + Html.escape(row.status()) + "\">" + Html.escape(row.status())
				+ "</span><small>" + Html.escape(row.name()) + "</small></figcaption></figure>\n");
	}

}
