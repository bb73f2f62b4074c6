package com.catalogimage.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as every hash here is written: lowercase hex. Images, reference images, fingerprints and the catalog's
 * content are all hashed with it.
 */
public final class Sha256 {

	private Sha256() {
	}

	/** A fresh digest to feed as bytes stream past. */
	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/** The digest's value in hex; the digest is reset. */
	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	/** The hash of a file's bytes, read in a stream. */
	public static String of(Path file) throws IOException {
		try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
			in.transferTo(OutputStream.nullOutputStream());
			return hex(in.getMessageDigest());
		}
	}

}
