package com.catalogimage.ops;

import com.catalogimage.bench.Design;
import com.catalogimage.bench.RemoteBenchSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchFlagsTests {

	@Test
	void workerJvmsTakeAListAndAPostgresServer() {
		// when
		RemoteBenchSettings remote = flags("bench", "--worker-jvms", "1,2,4", "--db-url",
				"jdbc:postgresql://127.0.0.1:55432/postgres", "--db-user", "bencher").remote();
		// then
		assertThat(remote).isNotNull();
		assertThat(remote.workerJvms()).containsExactly(1, 2, 4);
		assertThat(remote.user()).isEqualTo("bencher");
		assertThat(flags("bench", "--items", "40").remote()).as("the single-JVM benchmark").isNull();
	}

	@Test
	void theSimulatorRendersOnceUnlessAskedToRenderPerRequest() {
		assertThat(flags("bench").settings().renderPerRequest()).isFalse();
		assertThat(flags("bench", "--render-per-request").settings().renderPerRequest()).isTrue();
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--render-per-request", "--payload", "realistic"))
			.isInstanceOf(UsageException.class)
			.hasMessage("--render-per-request is for the small payload: realistic bodies are always rendered once");
	}

	@Test
	void designsTakeACommaSeparatedListRunInItsOrder() {
		assertThat(flags("bench", "--design", "shared-feed,plain-pool").settings().designs())
			.containsExactly(Design.SHARED_FEED, Design.PLAIN_POOL);
		assertThat(flags("bench", "--design", "all").settings().designs()).containsExactly(Design.values());
		assertThat(flags("bench").settings().designs()).containsExactly(Design.SHARED_FEED);
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--design", "shared-feed,plain"))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining("must be one of shared-feed, concurrent-chunk, fixed-ranges, plain-pool, all");
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--design", "plain-pool,all"))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining("all stands alone");
	}

	@Test
	void workerJvmsRefuseH2AndAMissingDatabaseWithOneLine() {
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--worker-jvms", "2", "--db-url",
				"jdbc:h2:file:./data/bench")).isInstanceOf(UsageException.class)
			.hasMessageStartingWith("bench --worker-jvms needs PostgreSQL")
			.hasMessageContaining("not H2")
			.hasMessageNotContaining("\n");
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--worker-jvms", "2"))
			.isInstanceOf(UsageException.class)
			.hasMessageStartingWith("bench --worker-jvms needs --db-url jdbc:postgresql://");
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--worker-jvms", "1,0", "--db-url",
				"jdbc:postgresql://127.0.0.1/postgres")).isInstanceOf(UsageException.class);
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--db-url", "jdbc:postgresql://127.0.0.1/postgres"))
			.isInstanceOf(UsageException.class)
			.hasMessage("--db-url is for bench --worker-jvms only");
	}

	@Test
	void aPasswordInTheUrlIsRefusedSinceTheWorkersCommandLinesWouldShowIt() {
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--worker-jvms", "1", "--db-url",
				"jdbc:postgresql://127.0.0.1/postgres?user=u&password=hunter2"))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining(RemoteBenchSettings.PASSWORD_VARIABLE)
			.hasMessageNotContaining("hunter2");
		assertThatThrownBy(() -> CommandLineParser.parse("bench", "--worker-jvms", "1", "--db-url",
				"jdbc:postgresql://u:hunter2@127.0.0.1/postgres"))
			.isInstanceOf(UsageException.class)
			.hasMessageNotContaining("hunter2");
	}

	private static BenchFlags flags(String... args) {
		return ((Invocation) CommandLineParser.parse(args)).flags(BenchFlags.class);
	}

}
