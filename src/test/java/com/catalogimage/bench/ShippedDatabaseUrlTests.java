package com.catalogimage.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShippedDatabaseUrlTests {

	@Test
	void theBenchOpensItsDatabasesWithTheShippedSettings() {
		// given
		String shipped = ShippedDatabaseUrl.shipped();
		Path file = Path.of("/tmp/catalog-bench-1/db/bench");
		// when
		String bench = ShippedDatabaseUrl.at(file);
		// then: another file, every setting as shipped (DefaultDatabaseSettingsTests reads what they do)
		assertThat(bench).isEqualTo(shipped.replace("./data/catalog-image-batch", file.toString()));
		assertThat(bench).contains(";WRITE_DELAY=0;").endsWith(";PAGE_SIZE=65536");
	}

}
