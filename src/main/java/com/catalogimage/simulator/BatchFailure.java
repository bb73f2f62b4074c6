package com.catalogimage.simulator;

import org.jspecify.annotations.Nullable;

/**
 * Why a whole batch failed before doing any line: its input could not be read, or the provider refused it (OpenAI
 * reports an over-quota or unsupported model this way, after the create was accepted).
 *
 * @param code OpenAI's error code ({@code invalid_json_line}, {@code token_limit_exceeded}, ...)
 * @param line the 1-based input line at fault, or null for the whole batch
 * @param param the parameter at fault, or null
 */
record BatchFailure(String code, @Nullable Integer line, String message, @Nullable String param) {

}
