package com.catalogimage.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streamed multipart reader behind OpenAI's {@code POST /v1/files}. */
class MultipartFormTests {

	private static final String BOUNDARY = "xYz-boundary";

	@TempDir
	Path work;

	@Test
	void aFileThatContainsThePrefixOfTheBoundaryIsKeptByteForByte() throws IOException {
		// given: near-boundaries, copied as data, and a line break right before the real one
		String content = "line one\r\n--xYz-bound\r\n\r\n--xYz-boundar\r\r\n--xYz-boundarx end\r";
		String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--" + BOUNDARY
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
		Path target = this.work.resolve("upload");
		// when
		MultipartForm form = MultipartForm.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
				"multipart/form-data; boundary=\"" + BOUNDARY + "\"", "file", target);
		// then
		assertThat(form.fields()).containsExactly(java.util.Map.entry("purpose", "batch"));
		assertThat(form.filename()).isEqualTo("in.jsonl");
		assertThat(Files.readString(target)).isEqualTo(content);
		assertThat(form.fileBytes()).isEqualTo(content.length());
	}

	@Test
	void aBodyCutBeforeItsClosingBoundaryIsRefused() {
		String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n\r\n"
				+ "half a file";
		assertThatThrownBy(() -> MultipartForm.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
				"multipart/form-data; boundary=" + BOUNDARY, "file", this.work.resolve("upload")))
			.isInstanceOf(java.io.EOFException.class);
		assertThatThrownBy(() -> MultipartForm.read(new ByteArrayInputStream(new byte[0]), "application/json", "file",
				this.work.resolve("other")))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
