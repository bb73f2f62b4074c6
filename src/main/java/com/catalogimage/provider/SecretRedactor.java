package com.catalogimage.provider;

import java.util.List;
import java.util.Objects;

/**
 * Removes API keys from text that may end up in logs, reports or exception messages (a provider's error message can
 * echo the request), and bounds its length.
 */
public final class SecretRedactor {

	private static final int MAX_LENGTH = 500;

	private final List<String> secrets;

	public SecretRedactor(List<String> secrets) {
		this.secrets = secrets.stream().filter(Objects::nonNull).filter(secret -> secret.length() >= 4).toList();
	}

	public String redact(String text) {
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, "[redacted]");
		}
		result = result.replaceAll("(?i)(key=)[A-Za-z0-9_\\-]{8,}", "$1[redacted]");
		// OpenAI's 401 message echoes a masked key ("Incorrect API key provided: sk-abc*****wxyz")
		result = result.replaceAll("\\bsk-[A-Za-z0-9_\\-*.]{6,}", "sk-[redacted]");
		return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) + "..." : result;
	}

}
