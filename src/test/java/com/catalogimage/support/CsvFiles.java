package com.catalogimage.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The CSV files tests write and the job writes (catalogs, report.csv, rejected.csv, summary.csv), read back. */
public final class CsvFiles {

	private CsvFiles() {
	}

	/** The rows of a UTF-8 CSV file with a header line, by column name; the list is the caller's to change. */
	public static List<CSVRecord> csv(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new ArrayList<>(
					CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords());
		}
	}

	/** A summary.csv as metric to value, in file order. */
	public static Map<String, String> summary(Path file) throws IOException {
		Map<String, String> metrics = new LinkedHashMap<>();
		for (CSVRecord row : csv(file)) {
			metrics.put(row.get("metric"), row.get("value"));
		}
		return metrics;
	}

}
