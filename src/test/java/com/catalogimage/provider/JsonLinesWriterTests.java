package com.catalogimage.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesWriterTests {

	@TempDir
	Path work;

	@Test
	void aLineThatFailsHalfWayIsCutOffAndTheNextLineFollowsTheLastWholeOne() throws IOException {
		Path file;
		try (JsonLinesWriter out = JsonLinesWriter.create(this.work, "t-")) {
			assertThat(out.append(json -> writeKey(json, "a"), Long.MAX_VALUE)).isTrue();
			// a reference image that cannot be read half way through its line
			assertThatThrownBy(() -> out.append(json -> {
				json.writeStartObject();
				json.writeStringProperty("key", "b");
				json.writeStringProperty("padding", "x".repeat(100_000));
				throw new IOException("reference went away");
			}, Long.MAX_VALUE)).isInstanceOf(IOException.class);
			assertThat(out.append(json -> writeKey(json, "c"), Long.MAX_VALUE)).isTrue();
			file = out.finish();
			assertThat(out.lines()).isEqualTo(2);
			assertThat(out.bytes()).isEqualTo(Files.size(file));
		}
		assertThat(Files.readAllLines(file)).containsExactly("{\"key\":\"a\"}", "{\"key\":\"c\"}");
	}

	@Test
	void aLineThatWouldPassTheSizeLimitIsNotKept() throws IOException {
		Path file;
		try (JsonLinesWriter out = JsonLinesWriter.create(this.work, "t-")) {
			assertThat(out.append(json -> writeKey(json, "a"), 25)).isTrue();
			assertThat(out.append(json -> writeKey(json, "b"), 25)).as("12 + 12 bytes fit in 25").isTrue();
			assertThat(out.append(json -> writeKey(json, "c"), 25)).isFalse();
			file = out.finish();
		}
		assertThat(Files.readAllLines(file)).containsExactly("{\"key\":\"a\"}", "{\"key\":\"b\"}");
	}

	@Test
	void aWriterClosedWithoutFinishingDeletesItsFile() throws IOException {
		Path file;
		try (JsonLinesWriter out = JsonLinesWriter.create(this.work, "t-")) {
			out.append(json -> writeKey(json, "a"), Long.MAX_VALUE);
			file = out.file();
		}
		assertThat(file).doesNotExist();
	}

	@Test
	void jsonLinesAreReadValueByValueFromTheGivenIndex() throws IOException {
		byte[] body = "{\"k\":1}\n{\"k\":2}\n\n{\"k\":3}\n".getBytes();
		List<Long> read = new java.util.ArrayList<>();
		long count = JsonLines.read(new java.io.ByteArrayInputStream(body), 1, (parser, index) -> {
			read.add(index);
			parser.skipChildren();
		});
		assertThat(count).isEqualTo(3);
		assertThat(read).containsExactly(1L, 2L);
	}

	private static void writeKey(tools.jackson.core.JsonGenerator json, String key) {
		json.writeStartObject();
		json.writeStringProperty("key", key);
		json.writeEndObject();
	}

}
