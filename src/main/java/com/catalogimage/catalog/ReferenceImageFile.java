package com.catalogimage.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.Sha256;

/**
 * A row's {@code reference_image}, resolved against the catalog's folder and confined to it, checked to be a readable
 * PNG, JPEG or WebP file (by its leading bytes, not its name) and hashed, so the fingerprint changes when the file's
 * content does.
 *
 * @param file the real path (absolute, links resolved), inside the catalog's folder
 * @param sha256 hex SHA-256 of the file's bytes
 * @param format the detected image format
 */
record ReferenceImageFile(Path file, String sha256, ImageFormat format) {

	/** The reference cannot be used; the message says why, in words a catalog editor understands. */
	public static final class InvalidReferenceException extends Exception {

		InvalidReferenceException(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Resolves {@code reference} against the catalog's folder. Only a file inside that folder, after links are
	 * resolved, is read: the file is sent to the provider, so a catalog must not be able to upload {@code ../..}, an
	 * absolute path or a link to a file elsewhere (a key file, say).
	 */
	public static ReferenceImageFile resolve(Path catalogFile, String reference) throws InvalidReferenceException {
		Path folder = catalogFile.toAbsolutePath().normalize().getParent();
		Path file;
		try {
			Path given = Path.of(reference);
			if (given.isAbsolute()) {
				throw new InvalidReferenceException(
						"'" + reference + "' is an absolute path; give a path relative to the catalog's folder");
			}
			file = folder.resolve(given).normalize();
		}
		catch (InvalidPathException ex) {
			throw new InvalidReferenceException("'" + reference + "' is not a valid path");
		}
		// checked before touching the file system, so nothing outside the folder is even probed for existence
		if (!file.startsWith(folder)) {
			throw outside(reference);
		}
		if (!Files.exists(file)) {
			throw new InvalidReferenceException("file not found: " + reference + " (relative to the catalog's folder)");
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new InvalidReferenceException("not a readable file: " + reference);
		}
		try {
			file = file.toRealPath();
			if (!file.startsWith(folder.toRealPath())) {
				throw outside(reference);
			}
		}
		catch (IOException ex) {
			throw new InvalidReferenceException("cannot read " + reference + ": " + ex.getClass().getSimpleName());
		}
		MessageDigest digest = Sha256.digest();
		byte[] head = new byte[ImageFormat.SIGNATURE_LENGTH];
		int headLength = 0;
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
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
		return new ReferenceImageFile(file, Sha256.hex(digest), format);
	}

	private static InvalidReferenceException outside(String reference) {
		return new InvalidReferenceException(
				"'" + reference + "' is outside the catalog's folder (links resolved); only files in that folder are sent");
	}

}
