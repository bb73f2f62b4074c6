package com.catalogimage.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** A complete non-streamed answer: status, extra headers and a JSON body. */
record Reply(int status, Map<String, String> headers, String body) {

	Reply(int status, String body) {
		this(status, Map.of(), body);
	}

	Reply withHeader(String name, String value) {
		Map<String, String> all = new LinkedHashMap<>(this.headers);
		all.put(name, value);
		return new Reply(this.status, all, this.body);
	}

}
