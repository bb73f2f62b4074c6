package com.catalogimage.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.catalogimage.image.Dimensions;
import com.catalogimage.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailsTests {

	@TempDir
	Path folder;

	@Test
	void makesAJpegWhoseLongestSideIsTheThumbnailSize() throws IOException {
		// given
		Path image = this.folder.resolve("A-1.png");
		Files.write(image, TestImages.png(1376, 768));
		Thumbnails thumbnails = new Thumbnails(this.folder.resolve("thumbs"), 160);
		// when
		Optional<Dimensions> size = thumbnails.thumbnail(image, "A-1");
		// then
		assertThat(size).hasValue(new Dimensions(160, 89));
		Path thumb = this.folder.resolve("thumbs/A-1.jpg");
		assertThat(ImageIO.read(thumb.toFile()).getWidth()).isEqualTo(160);
		assertThat(ImageIO.getImageReaders(ImageIO.createImageInputStream(thumb.toFile())).next().getFormatName())
			.isEqualToIgnoringCase("jpeg");
	}

	@Test
	void reusesAThumbnailNewerThanItsImage() throws IOException {
		// given
		Path image = this.folder.resolve("A-1.png");
		Files.write(image, TestImages.png(400, 400));
		Thumbnails thumbnails = new Thumbnails(this.folder.resolve("thumbs"), 160);
		thumbnails.thumbnail(image, "A-1");
		Path thumb = thumbnails.path("A-1");
		FileTime made = FileTime.fromMillis(Files.getLastModifiedTime(image).toMillis() + 60_000);
		Files.setLastModifiedTime(thumb, made);
		// when
		thumbnails.thumbnail(image, "A-1");
		// then
		assertThat(Files.getLastModifiedTime(thumb)).isEqualTo(made);
	}

	@Test
	void givesNoneForAFileThatIsNoImageOrIsMissing() throws IOException {
		// given
		Path notAnImage = this.folder.resolve("B-1.webp");
		Files.writeString(notAnImage, "RIFF....WEBP");
		Thumbnails thumbnails = new Thumbnails(this.folder.resolve("thumbs"), 160);
		// then
		assertThat(thumbnails.thumbnail(notAnImage, "B-1")).isEmpty();
		assertThat(thumbnails.thumbnail(this.folder.resolve("gone.png"), "C-1")).isEmpty();
		assertThat(this.folder.resolve("thumbs/B-1.jpg")).doesNotExist();
	}

}
