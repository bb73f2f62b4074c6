package com.catalogimage.report;

import org.jspecify.annotations.Nullable;

/** Escaping for text and attribute values: every string from the catalog or a provider goes through here. */
final class Html {

	private Html() {
	}

	static String escape(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * A relative URL for a path inside the output folder: each segment percent-encoded, so a file name can neither
	 * leave the folder's URL space nor break the attribute.
	 */
	static String relativeUrl(String path) {
		StringBuilder out = new StringBuilder();
		for (String segment : path.split("/")) {
			if (out.length() > 0) {
				out.append('/');
			}
			out.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return out.toString();
	}

}
