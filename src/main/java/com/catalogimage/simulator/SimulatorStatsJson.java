package com.catalogimage.simulator;

import java.io.StringWriter;
import java.util.Map;

import com.catalogimage.json.Json;
import tools.jackson.core.JsonGenerator;

/** The JSON served at {@code GET /_sim/stats}. */
final class SimulatorStatsJson {

	private SimulatorStatsJson() {
	}

	static String write(SimulatorStats stats) {
		StringWriter out = new StringWriter();
		try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			json.writeStartObject();
			json.writeNumberProperty("requests", stats.requests());
			json.writeNumberProperty("generations", stats.generations());
			json.writeNumberProperty("errors", stats.errors());
			json.writeNumberProperty("rateLimited", stats.rateLimited());
			json.writeNumberProperty("maxInFlight", stats.maxInFlight());
			json.writeNumberProperty("meanServiceMillis", stats.meanServiceMillis());
			json.writeName("byStatus");
			json.writeStartObject();
			stats.byStatus().forEach((status, count) -> json.writeNumberProperty(String.valueOf(status), count));
			json.writeEndObject();
			json.writeName("faults");
			json.writeStartObject();
			stats.faults().forEach(json::writeNumberProperty);
			json.writeEndObject();
			writeCounts(json, "requestsByPrompt", stats.requestsByPrompt());
			writeCounts(json, "generationsByPrompt", stats.generationsByPrompt());
			json.writeName("lastServiceNanosByPrompt");
			json.writeStartObject();
			stats.lastServiceNanosByPrompt().forEach(json::writeNumberProperty);
			json.writeEndObject();
			json.writeNumberProperty("batchRequests", stats.batchRequests());
			json.writeNumberProperty("batchGenerations", stats.batchGenerations());
			json.writeName("batches");
			json.writeStartObject();
			stats.batches().forEach(json::writeNumberProperty);
			json.writeEndObject();
			writeCounts(json, "batchRequestsByPrompt", stats.batchRequestsByPrompt());
			writeCounts(json, "batchGenerationsByPrompt", stats.batchGenerationsByPrompt());
			json.writeEndObject();
		}
		return out.toString();
	}

	private static void writeCounts(JsonGenerator json, String name, Map<String, Integer> counts) {
		json.writeName(name);
		json.writeStartObject();
		counts.forEach(json::writeNumberProperty);
		json.writeEndObject();
	}

}
