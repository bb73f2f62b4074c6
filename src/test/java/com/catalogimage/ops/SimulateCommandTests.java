package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.catalogimage.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SimulateCommandTests {

	private static final Pattern BASE_URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

	@TempDir
	Path workspace;

	@Test
	void servesBothWireFormatsUntilStoppedWithoutTouchingADatabase() throws InterruptedException {
		// given
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		AtomicInteger exit = new AtomicInteger(-1);
		Thread server = new Thread(() -> exit.set(CommandLineInterface.run(
				new String[] { "simulate", "--port", "0", "--server-rpm", "1", "--time-scale", "0.001" },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
				Map.of("spring.datasource.url", "jdbc:h2:file:" + this.workspace.resolve("db")))));
		// when
		server.start();
		String baseUrl = await().atMost(Duration.ofSeconds(20)).until(() -> baseUrl(out), url -> url != null);
		HttpResponse<String> gemini = RawHttp.post(baseUrl + "/v1beta/models/gemini-2.5-flash-image:generateContent",
				"{\"contents\":[{\"parts\":[{\"text\":\"a mug\"}]}]}", Map.of());
		HttpResponse<String> openai = RawHttp.post(baseUrl + "/v1/images/generations",
				"{\"model\":\"gpt-image-1\",\"prompt\":\"a mug\"}", Map.of());
		HttpResponse<String> stats = RawHttp.get(baseUrl + "/_sim/stats");
		server.interrupt();
		server.join(10_000);
		// then
		assertThat(gemini.statusCode()).isEqualTo(200);
		assertThat(openai.statusCode()).as("over --server-rpm 1").isEqualTo(429);
		assertThat(openai.headers().firstValue("retry-after-ms")).isPresent();
		assertThat(stats.body()).contains("\"requests\":2").contains("\"byStatus\":{\"200\":1,\"429\":1}");
		assertThat(server.isAlive()).isFalse();
		assertThat(exit.get()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.workspace.resolve("db.mv.db")).as("no database was opened").doesNotExist();
	}

	@Test
	void renderOnceAnswersEveryProductWithTheSameImage() throws InterruptedException {
		// given
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Thread server = new Thread(() -> CommandLineInterface.run(
				new String[] { "simulate", "--port", "0", "--time-scale", "0.001", "--render", "once" },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
		server.start();
		String baseUrl = await().atMost(Duration.ofSeconds(20)).until(() -> baseUrl(out), url -> url != null);
		// when
		String mug = imageData(baseUrl, "a mug");
		String lamp = imageData(baseUrl, "a lamp");
		server.interrupt();
		server.join(10_000);
		// then
		assertThat(mug).isNotEmpty().isEqualTo(lamp);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = CommandLineInterface.run(new String[] { "simulate", "--render", "twice" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--render").contains("per-request, once");
	}

	private static String imageData(String baseUrl, String prompt) {
		String body = RawHttp.post(baseUrl + "/v1beta/models/gemini-2.5-flash-image:generateContent",
				"{\"contents\":[{\"parts\":[{\"text\":\"" + prompt + "\"}]}]}", Map.of()).body();
		Matcher data = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(body);
		assertThat(data.find()).as(body).isTrue();
		return data.group(1);
	}

	@Test
	void badSimulatorFlagsAreUsageErrors() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = CommandLineInterface.run(new String[] { "simulate", "--fault-500", "2" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fault-500 needs a number from 0.0 to 1.0");
	}

	@Test
	void aTakenPortIsOneLineWithTheFixNotAStackTrace() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			int exit = CommandLineInterface.run(
					new String[] { "simulate", "--port", String.valueOf(taken.getLocalPort()) },
					new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
			assertThat(exit).isEqualTo(ExitCodes.USAGE);
			assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: cannot serve the simulator on 127.0.0.1:"
					+ taken.getLocalPort() + ": the port is in use; choose another --port (0 picks a free one)\n");
		}
	}

	@Test
	void servesTheBatchApisWithTheBatchFlagsOnTheRealClock() throws InterruptedException {
		// given: a batch of 10 simulated minutes at scale 0.001 ends 0.6 s after its create
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Thread server = new Thread(() -> CommandLineInterface.run(
				new String[] { "simulate", "--port", "0", "--time-scale", "0.001", "--batch-delay", "10m",
						"--fault-batch-duplicates", "1", "--batch-unsupported-model", "gemini-2.5-flash-image" },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
		server.start();
		String baseUrl = await().atMost(Duration.ofSeconds(20)).until(() -> baseUrl(out), url -> url != null);
		// when
		String model = RawHttp.get(baseUrl + "/v1beta/models/gemini-2.5-flash-image").body();
		String created = RawHttp.post(baseUrl + "/v1beta/models/gemini-3.1-flash-image:batchGenerateContent",
				"{\"batch\":{\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{\"contents\":[{\"parts\":"
						+ "[{\"text\":\"a mug\"}]}]},\"metadata\":{\"key\":\"sku-1\"}}]}}}}",
				Map.of()).body();
		String name = created.replaceAll("(?s).*?\"name\":\"(batches/[a-z0-9]+)\".*", "$1");
		String done = await().atMost(Duration.ofSeconds(20))
			.until(() -> RawHttp.get(baseUrl + "/v1beta/" + name).body(), body -> body.contains("\"done\":true"));
		server.interrupt();
		server.join(10_000);
		// then
		assertThat(model).doesNotContain("batchGenerateContent");
		assertThat(created).contains("BATCH_STATE_PENDING");
		assertThat(done).contains("BATCH_STATE_SUCCEEDED");
		assertThat(done.split("\"key\":\"sku-1\"", -1)).as("duplicated, in metadata.output and in response")
			.hasSize(5);
	}

	@Test
	void aBadBatchFlagIsAUsageErrorNamingTheFlag() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = CommandLineInterface.run(new String[] { "simulate", "--fault-batch-stuck", "2" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fault-batch-stuck needs a number from 0.0 to 1.0");
		ByteArrayOutputStream delay = new ByteArrayOutputStream();
		int badDelay = CommandLineInterface.run(new String[] { "simulate", "--batch-delay", "soon" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(delay, true, StandardCharsets.UTF_8));
		assertThat(badDelay).isEqualTo(ExitCodes.USAGE);
		assertThat(delay.toString(StandardCharsets.UTF_8).strip())
			.isEqualTo("error: --batch-delay needs a duration such as 10m or 90s, not 'soon'");
	}

	@Test
	void aPortOutOfRangeIsAUsageErrorBeforeAnythingStarts() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = CommandLineInterface.run(new String[] { "simulate", "--port", "70000" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString(StandardCharsets.UTF_8).strip())
			.isEqualTo("error: --port needs a port number from 0 to 65535, not '70000'");
	}

	@Test
	void aPortAProfileSetsOutOfRangeIsOneLineToo() {
		assertThat(SimulateCommand.cannotListen(70000, new IllegalArgumentException("port out of range:70000")))
			.isEqualTo("cannot serve the simulator on 127.0.0.1:70000: port out of range:70000; choose another --port"
					+ " (0 picks a free one)");
	}

	private static String baseUrl(ByteArrayOutputStream out) {
		Matcher matcher = BASE_URL.matcher(out.toString(StandardCharsets.UTF_8));
		return matcher.find() ? matcher.group(1) : null;
	}

}
