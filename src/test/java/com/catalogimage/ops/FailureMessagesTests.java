package com.catalogimage.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import com.catalogimage.provider.LocalWriteException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMessagesTests {

	@Test
	void aFileThatCannotBeWrittenIsNamedWithTheReasonNotAsABarePath() {
		// the JDK's AccessDeniedException carries only the path as its message
		RuntimeException wrapped = new IllegalStateException("Unable to process chunk",
				new UncheckedIOException(new AccessDeniedException("/srv/output/report.csv")));
		assertThat(FailureMessages.rootMessage(wrapped)).isEqualTo("/srv/output/report.csv: permission denied");
		assertThat(FailureMessages.rootMessage(new FileSystemException("/srv/output/images", null, "Read-only file system")))
			.isEqualTo("/srv/output/images: Read-only file system");
	}

	@Test
	void aLocalWriteFailureSaysWhichFileAndWhyWhereverItIsInTheChain() {
		LocalWriteException local = LocalWriteException.of(Path.of("/srv/output/images/MUG-1.png"),
				new IOException("No space left on device"));
		assertThat(FailureMessages.rootMessage(new IllegalStateException("Partition failed", local)))
			.isEqualTo("cannot write /srv/output/images/MUG-1.png: No space left on device");
	}

}
