package com.catalogimage.image;

import java.util.List;
import java.util.Map;

/**
 * The aspect ratios the Gemini image models accept and the pixel dimensions they produce. Dimensions at 1K follow
 * Google's published table; other sizes scale it (512 halves it, 2K doubles it, 4K quadruples it).
 */
public final class AspectRatio {

	/** Every ratio any model accepts (3.1 Flash adds the four extreme ones). */
	public static final List<String> ALL = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9",
			"1:4", "4:1", "1:8", "8:1");

	/** Ratios of gemini-2.5-flash-image and gemini-3-pro-image-preview. */
	public static final List<String> STANDARD = ALL.subList(0, 10);

	private static final Map<String, Dimensions> AT_1K = Map.ofEntries(Map.entry("1:1", new Dimensions(1024, 1024)),
			Map.entry("2:3", new Dimensions(848, 1264)), Map.entry("3:2", new Dimensions(1264, 848)),
			Map.entry("3:4", new Dimensions(896, 1200)), Map.entry("4:3", new Dimensions(1200, 896)),
			Map.entry("4:5", new Dimensions(928, 1152)), Map.entry("5:4", new Dimensions(1152, 928)),
			Map.entry("9:16", new Dimensions(768, 1376)), Map.entry("16:9", new Dimensions(1376, 768)),
			Map.entry("21:9", new Dimensions(1584, 672)), Map.entry("1:4", new Dimensions(512, 2048)),
			Map.entry("4:1", new Dimensions(2048, 512)), Map.entry("1:8", new Dimensions(384, 3072)),
			Map.entry("8:1", new Dimensions(3072, 384)));

	private AspectRatio() {
	}

	public static boolean isKnown(String ratio) {
		return AT_1K.containsKey(ratio);
	}

	/** Width and height in pixels of an image of this ratio and size. */
	public static Dimensions dimensions(String ratio, ImageSize size) {
		Dimensions base = AT_1K.get(ratio);
		if (base == null) {
			throw new IllegalArgumentException("unknown aspect ratio " + ratio);
		}
		int scale = size.squareEdge();
		return new Dimensions(base.width() * scale / 1024, base.height() * scale / 1024);
	}

}
