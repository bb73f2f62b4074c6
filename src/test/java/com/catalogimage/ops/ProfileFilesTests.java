package com.catalogimage.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileFilesTests {

	@TempDir
	Path temp;

	@Test
	void aProfileNameIsFoundBesideTheApplicationWhenTheCurrentFolderHasNone() throws IOException {
		// given: started from a folder without jobs/, the jar in <app>/target with <app>/jobs/gemini.yml
		Path current = Files.createDirectories(this.temp.resolve("cron-home"));
		Path app = this.temp.resolve("app");
		Path profile = write(app.resolve("jobs/gemini.yml"));
		// when
		Path found = ProfileFiles.find("gemini", current, List.of(app.resolve("target"), app));
		// then
		assertThat(found).isEqualTo(profile);
	}

	@Test
	void theCurrentFolderComesFirst() throws IOException {
		Path current = this.temp.resolve("project");
		Path local = write(current.resolve("jobs/gemini.yml"));
		write(this.temp.resolve("app/jobs/gemini.yml"));
		assertThat(ProfileFiles.find("gemini", current, List.of(this.temp.resolve("app")))).isEqualTo(local);
		assertThat(ProfileFiles.find("jobs/gemini.yml", current, List.of(this.temp.resolve("app")))).isEqualTo(local);
	}

	@Test
	void aMissingProfileNamesEveryPlaceLookedIn() {
		Path current = this.temp.resolve("here");
		Path app = this.temp.resolve("app");
		assertThatThrownBy(() -> ProfileFiles.find("nope", current, List.of(app)))
			.isInstanceOf(UsageException.class)
			.hasMessage("profile not found: jobs/nope.yml (looked for " + current.resolve("jobs/nope.yml") + ", "
					+ app.resolve("jobs/nope.yml") + ")");
	}

	@Test
	void theApplicationFoldersAreTheCodeLocationAndTheFolderAboveIt() {
		// in the build the code is target/classes: its folder is target/, and the one above holds jobs/
		List<Path> folders = ProfileFiles.applicationFolders();
		assertThat(folders).hasSize(2);
		assertThat(folders.get(1).resolve("jobs/gemini.yml")).isRegularFile();
	}

	private static Path write(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, "imagebatch: {}\n");
	}

}
