package com.catalogimage.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

/** Small real images and Gemini answer bodies for tests. */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] png(int width, int height) {
		return encode(width, height, "png");
	}

	public static byte[] jpeg(int width, int height) {
		return encode(width, height, "jpeg");
	}

	private static byte[] encode(int width, int height, String format) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			image.setRGB(x, x % height, 0xFF8800);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	public static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	/** A generateContent answer with the given parts (JSON objects) in order. */
	public static String geminiAnswer(String finishReason, String... parts) {
		return """
				{"candidates":[{"content":{"role":"model","parts":[%s]},"finishReason":"%s","index":0}],
				 "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":1130,"totalTokenCount":1142,
				 "candidatesTokensDetails":[{"modality":"IMAGE","tokenCount":1120},{"modality":"TEXT","tokenCount":10}]},
				 "modelVersion":"gemini-3.1-flash-image-preview","responseId":"r1"}"""
			.formatted(String.join(",", parts), finishReason);
	}

	public static String imagePart(byte[] image) {
		return "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + base64(image) + "\"}}";
	}

	public static String thoughtImagePart(byte[] image) {
		return "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + base64(image) + "\"},\"thought\":true}";
	}

	public static String textPart(String text) {
		return "{\"text\":\"" + text + "\"}";
	}

}
