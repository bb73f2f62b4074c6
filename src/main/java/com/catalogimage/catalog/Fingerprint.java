package com.catalogimage.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.catalogimage.image.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of everything that determines an image: provider, model, final prompt, size, aspect ratio and the
 * reference image's bytes. Two products with the same fingerprint would get the same image, so the fingerprint keys
 * the image cache and the manifest. Each field is length-prefixed, so no two different inputs hash alike.
 */
final class Fingerprint {

	private Fingerprint() {
	}

	public static String of(String provider, String model, String prompt, String size, String aspectRatio,
			@Nullable String referenceSha256) {
		MessageDigest digest = Sha256.digest();
		for (String field : new String[] { "v1", provider, model, prompt, size, aspectRatio,
				referenceSha256 == null ? "" : referenceSha256 }) {
			byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
			digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) ':');
			digest.update(bytes);
		}
		return Sha256.hex(digest);
	}

}
