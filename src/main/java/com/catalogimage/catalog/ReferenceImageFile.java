package com.catalogimage.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.catalogimage.provider.ImageFormat;

/**
 * A row's {@code reference_image}, resolved against the catalog's folder, checked to be a readable PNG, JPEG or WebP
 * file (by its leading bytes, not its name) and hashed, so the fingerprint changes when the file's content does.
 *
 * @param file the absolute, normalised path
 * @param sha256 hex SHA-256 of the file's bytes
 * @param format the detected image format
 */
public record ReferenceImageFile(Path file, String sha256, ImageFormat format) {

	/** The reference cannot be used; the message says why, in words a catalog editor understands. */
	public static final class InvalidReferenceException extends Exception {

		InvalidReferenceException(String message) {
			super(message, null, false, false);
		}

	}

	public static ReferenceImageFile resolve(Path catalogFile, String reference) throws InvalidReferenceException {
		Path file;
		try {
			Path folder = catalogFile.toAbsolutePath().getParent();
			file = folder.resolve(reference).normalize();
		}
		catch (InvalidPathException ex) {
			throw new InvalidReferenceException("'" + reference + "' is not a valid path");
		}
		if (!Files.exists(file)) {
			throw new InvalidReferenceException("file not found: " + reference + " (relative to the catalog's folder)");
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new InvalidReferenceException("not a readable file: " + reference);
		}
		MessageDigest digest = newDigest();
		byte[] head = new byte[ImageFormat.SIGNATURE_LENGTH];
		int headLength = 0;
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[64 * 1024];
			int n;
			while ((n = in.read(buffer)) > 0) {
				if (headLength < head.length) {
					int take = Math.min(head.length - headLength, n);
					System.arraycopy(buffer, 0, head, headLength, take);
					headLength += take;
				}
				digest.update(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			throw new InvalidReferenceException("cannot read " + reference + ": " + ex.getClass().getSimpleName());
		}
		ImageFormat format = ImageFormat.detect(head, headLength)
			.orElseThrow(() -> new InvalidReferenceException("not a PNG, JPEG or WebP image: " + reference));
		return new ReferenceImageFile(file, HexFormat.of().formatHex(digest.digest()), format);
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
