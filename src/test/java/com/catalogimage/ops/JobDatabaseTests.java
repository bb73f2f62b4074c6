package com.catalogimage.ops;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobDatabaseTests {

	@Test
	void anEmbeddedH2FileIsFoundAbsoluteWhateverTheUrlSpelling() {
		Path here = Path.of("").toAbsolutePath();
		assertThat(new JobDatabase("jdbc:h2:file:./data/catalog-image-batch;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0").h2File())
			.contains(here.resolve("data/catalog-image-batch"));
		assertThat(new JobDatabase("jdbc:h2:/srv/jobs/db").h2File()).contains(Path.of("/srv/jobs/db"));
		assertThat(new JobDatabase("jdbc:h2:~/jobs/db").h2File())
			.contains(Path.of(System.getProperty("user.home"), "jobs/db"));
	}

	@Test
	void serversMemoryAndOtherDatabasesAreNoFileOfThisProcess() {
		assertThat(new JobDatabase("jdbc:h2:tcp://127.0.0.1:9092/abc").h2File()).isEmpty();
		assertThat(new JobDatabase("jdbc:h2:mem:test").h2File()).isEmpty();
		assertThat(new JobDatabase("jdbc:postgresql://db:5432/catalog").h2File()).isEmpty();
		assertThat(new JobDatabase("jdbc:h2:tcp://127.0.0.1:9092/abc").h2Server()).isTrue();
	}

	@Test
	void theDescriptionIsAbsoluteAndNeverShowsAPassword() {
		assertThat(new JobDatabase("jdbc:h2:file:./data/x;WRITE_DELAY=0;PASSWORD=s3cret").describe())
			.isEqualTo("jdbc:h2:file:" + Path.of("data/x").toAbsolutePath());
		assertThat(new JobDatabase("jdbc:postgresql://db:5432/catalog?user=u&password=s3cret&ssl=true").describe())
			.isEqualTo("jdbc:postgresql://db:5432/catalog?user=u&ssl=true");
		assertThat(new JobDatabase("jdbc:postgresql://db/catalog?password=s3cret&user=u").describe())
			.isEqualTo("jdbc:postgresql://db/catalog?user=u");
		assertThat(new JobDatabase("jdbc:postgresql://u:s3cret@db/catalog").describe())
			.isEqualTo("jdbc:postgresql://u@db/catalog");
		assertThat(new JobDatabase("jdbc:h2:tcp://db/x;PASSWORD=s3cret;IFEXISTS=TRUE").describe())
			.isEqualTo("jdbc:h2:tcp://db/x;IFEXISTS=TRUE");
	}

}
