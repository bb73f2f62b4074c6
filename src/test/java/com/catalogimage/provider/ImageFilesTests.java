package com.catalogimage.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFilesTests {

	@TempDir
	Path work;

	@Test
	void aPreparedFileIsTakenByTheNextImageAndOnlyOnce() throws IOException {
		// given
		Path directory = this.work.resolve("call");
		try (ImageFiles files = ImageFiles.in(directory)) {
			// when: prepared twice (a retry after an attempt that got no image), then two images arrive
			files.prepare();
			files.prepare();
			List<Path> prepared = list(directory);
			Path first = files.take();
			Path second = files.take();
			// then: the folder was made, one file was prepared and the first image took it; the second got its own
			assertThat(prepared).containsExactly(first);
			assertThat(second).isNotEqualTo(first);
			assertThat(list(directory)).containsExactlyInAnyOrder(first, second);
		}
	}

	@Test
	void closingDeletesAPreparedFileNoImageTookAndKeepsTheTakenOnes() throws IOException {
		// given
		Path taken;
		try (ImageFiles files = ImageFiles.in(this.work)) {
			files.prepare();
			taken = files.take();
			files.prepare();
			assertThat(list(this.work)).hasSize(2);
		}
		// then
		assertThat(list(this.work)).containsExactly(taken);
	}

	@Test
	void aFolderThatCannotBeWrittenFailsBeforeTheCallAsUnbilledAndAfterItAsBilled() throws IOException {
		// given: a file where the folder should be
		Path directory = Files.writeString(this.work.resolve("work"), "a file").resolve("call");
		try (ImageFiles files = ImageFiles.in(directory)) {
			// when / then: preparing means nothing was sent yet; a delivered image that finds no file was billed
			assertThatThrownBy(files::prepare).isInstanceOfSatisfying(LocalWriteException.class, failure -> {
				assertThat(failure.imageDelivered()).isFalse();
				assertThat(failure.getMessage()).startsWith("cannot write " + directory + ": ");
			});
			assertThatThrownBy(files::take).isInstanceOfSatisfying(LocalWriteException.class,
					failure -> assertThat(failure.imageDelivered()).isTrue());
		}
	}

	private static List<Path> list(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

}
