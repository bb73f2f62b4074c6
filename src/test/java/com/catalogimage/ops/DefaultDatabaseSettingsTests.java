package com.catalogimage.ops;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import com.catalogimage.bench.ShippedDatabaseUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database a newcomer's run opens: the embedded H2 file of {@code application.yml}, opened with the URL as
 * shipped (in a temporary folder), must run with the settings the job depends on.
 */
class DefaultDatabaseSettingsTests {

	private static final String SHIPPED_FILE = "./data/catalog-image-batch";

	@TempDir
	Path folder;

	@Test
	void theShippedUrlOpensH2WithNoWriteDelayAStatementCacheAnd64KbPages() throws SQLException {
		// given: the URL as shipped, pointed at a temporary file
		assertThat(ShippedDatabaseUrl.shipped()).startsWith("jdbc:h2:file:" + SHIPPED_FILE + ";");
		String url = ShippedDatabaseUrl.at(this.folder.resolve("db"));
		// when
		Map<String, String> settings = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				ResultSet rows = connection.createStatement()
					.executeQuery("select setting_name, setting_value from information_schema.settings")) {
			while (rows.next()) {
				settings.put(rows.getString(1), rows.getString(2));
			}
		}
		// then: a commit is on disk when it returns (kill -9 keeps it), a worker's dozen statements stay parsed, and
		// the store's pages split at 64 KB (docs/BENCHMARKS.md, "Issue 16: session 10")
		assertThat(settings).containsEntry("WRITE_DELAY", "0")
			.containsEntry("QUERY_CACHE_SIZE", "64")
			.containsEntry("info.PAGE_SIZE", "65536");
	}

}
