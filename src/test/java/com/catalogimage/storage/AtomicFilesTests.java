package com.catalogimage.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

	@Test
	void anImageIsPlacedAsASecondNameOfItsCacheEntryNotACopy() throws IOException {
		// given: a cache entry (owner-only, as the cache's temp files are) and an older image at the target
		Path cached = Files.createTempFile(Files.createDirectories(this.folder.resolve(".cache")), "cached", ".png");
		Files.writeString(cached, "new image bytes");
		Path target = this.folder.resolve("images/A-1.png");
		Files.createDirectories(target.getParent());
		Files.writeString(target, "old image");
		ImagePlacement placement = new ImagePlacement(new OutputLayout(this.folder));
		// when
		Path placed = placement.place(new CachedImage(cached, com.catalogimage.image.ImageFormat.PNG,
				Files.size(cached), com.catalogimage.image.Sha256.of(cached)), "A-1");
		// then: the same file (nothing copied, so nothing to force to disk again), replacing the old one
		assertThat(placed).isEqualTo(target);
		assertThat(Files.isSameFile(target, cached)).isTrue();
		assertThat(Files.readString(target)).isEqualTo("new image bytes");
		try (var left = Files.list(target.getParent())) {
			assertThat(left.map(path -> path.getFileName().toString())).containsExactly("A-1.png");
		}
	}

	@Test
	void aLinkedImageGetsTheUsualPermissions() throws IOException {
		assumeTrue(this.folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
		Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(this.folder.resolve("plain")));
		Path source = Files.createTempFile(this.folder, "cached", ".png");
		Files.writeString(source, "image bytes");
		// when
		AtomicFiles.link(source, this.folder.resolve("out/images/A-1.png"));
		// then
		assertThat(Files.getPosixFilePermissions(this.folder.resolve("out/images/A-1.png"))).isEqualTo(usual);
		assertThat(Files.readString(this.folder.resolve("out/images/A-1.png"))).isEqualTo("image bytes");
	}

	@Test
	void theUsualPermissionsAreThoseOfAnyNewFileInTheFolderAndNoProbeIsLeft() throws IOException {
		assumeTrue(this.folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
		Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(this.folder.resolve("plain")));
		// when: asked twice, the second time from what the first learnt
		assertThat(AtomicFiles.usualPermissions(this.folder)).hasValue(usual);
		assertThat(AtomicFiles.usualPermissions(this.folder)).hasValue(usual);
		// then
		try (var left = Files.list(this.folder)) {
			assertThat(left.map(path -> path.getFileName().toString())).containsExactly("plain");
		}
	}

	@Test
	void imagesLinkedOneAfterAnotherLeaveNothingButThemselvesAndReplaceAnOlderOne() throws IOException {
		// given: two cache entries, and an older image under the second one's name
		Path cache = Files.createDirectories(this.folder.resolve(".cache"));
		Path first = Files.writeString(Files.createTempFile(cache, "cached", ".png"), "first");
		Path second = Files.writeString(Files.createTempFile(cache, "cached", ".png"), "second");
		Path images = this.folder.resolve("out/images");
		// when
		AtomicFiles.link(first, images.resolve("A-1.png"));
		Files.writeString(images.resolve("A-2.png"), "older");
		AtomicFiles.link(second, images.resolve("A-2.png"));
		// then
		assertThat(Files.isSameFile(images.resolve("A-1.png"), first)).isTrue();
		assertThat(Files.readString(images.resolve("A-2.png"))).isEqualTo("second");
		try (var left = Files.list(images)) {
			assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("A-1.png",
					"A-2.png");
		}
	}

	@Test
	void aMissingFolderIsMadeAnExistingOneLeftAndAFileInTheWayRefused() throws IOException {
		Path missing = this.folder.resolve("a/b");
		Path file = Files.writeString(this.folder.resolve("file"), "x");
		// when
		AtomicFiles.ensureDirectory(missing);
		AtomicFiles.ensureDirectory(missing);
		// then
		assertThat(missing).isDirectory();
		assertThatThrownBy(() -> AtomicFiles.ensureDirectory(file)).isInstanceOf(FileAlreadyExistsException.class);
	}

}
