package com.catalogimage.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTests {

	@TempDir
	Path folder;

	@Test
	void publishedFilesGetTheUsualPermissionsNotTheOwnerOnlyOnesOfTempFiles() throws IOException {
		assumeTrue(this.folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
		// given: what any new file gets here (0666 less the umask), and an owner-only source like the cache's files
		Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(this.folder.resolve("plain")));
		Path source = Files.createTempFile(this.folder, "cached", ".png");
		Files.writeString(source, "image bytes");
		// when
		AtomicFiles.write(this.folder.resolve("out/report.csv"), file -> Files.writeString(file, "sku\n"));
		AtomicFiles.copy(source, this.folder.resolve("out/images/A-1.png"));
		// then
		assertThat(Files.getPosixFilePermissions(this.folder.resolve("out/report.csv"))).isEqualTo(usual);
		assertThat(Files.getPosixFilePermissions(this.folder.resolve("out/images/A-1.png"))).isEqualTo(usual);
		assertThat(Files.readString(this.folder.resolve("out/images/A-1.png"))).isEqualTo("image bytes");
		try (var left = Files.list(this.folder.resolve("out"))) {
			assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("report.csv",
					"images");
		}
	}

}
