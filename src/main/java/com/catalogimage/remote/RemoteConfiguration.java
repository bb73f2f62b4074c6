package com.catalogimage.remote;

import java.time.Clock;

import com.catalogimage.generation.GenerateStepParts;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.generation.RemoteRunProperties;
import com.catalogimage.job.WorkerSlotPartitioner;
import com.catalogimage.report.ProgressReporter;
import com.catalogimage.run.CatalogImageJob;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Remote partitioning, on in both roles ({@code imagebatch.remote.enabled=true}): the connection to the broker, the
 * slot ledger, and the manager's generate step, which splits the step into slots, sends one request per slot to the
 * broker's queue and waits by polling the job repository (no reply channel: replies would be lost with the manager,
 * spring-batch #4011). A worker process has this step too, since the job is assembled from it, but never runs it.
 * No {@code @EnableBatchProcessing}: it would switch off Boot's batch configuration.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = RemoteProperties.ENABLED, havingValue = "true")
@EnableBatchIntegration
class RemoteConfiguration {

	@Bean
	ConnectionFactory brokerConnections(RemoteProperties remote) {
		ActiveMQConnectionFactory connections = new ActiveMQConnectionFactory(remote.broker());
		// No prefetch: a request waits in the broker until a worker thread is free for it. With Artemis's default
		// window each consumer would buffer requests that an idle worker elsewhere could run, for as long as its
		// current slot lasts (the whole run).
		connections.setConsumerWindowSize(0);
		return connections;
	}

	@Bean
	PartitionLedger partitionLedger(JdbcTemplate jdbc, Clock clock) {
		return new PartitionLedger(jdbc, clock);
	}

	/** Slot requests on their way to the broker: from the manager, or handed back by a worker that refused them. */
	@Bean
	MessageChannel partitionRequests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow partitionRequestsToBroker(MessageChannel partitionRequests, ConnectionFactory brokerConnections,
			JobRepository jobRepository) {
		return IntegrationFlow.from(partitionRequests)
			.enrichHeaders(headers -> headers.headerFunction(PartitionRequests.JOB_EXECUTION,
					message -> Long.toString(jobExecutionOf((StepExecutionRequest) message.getPayload(), jobRepository))))
			.handle(Jms.outboundAdapter(brokerConnections).destination(PartitionRequests.QUEUE),
					sending -> sending.advice(BrokerSendRetry.advice(null)))
			.get();
	}

	private static long jobExecutionOf(StepExecutionRequest request, JobRepository jobRepository) {
		StepExecution slot = jobRepository.getStepExecution(request.getStepExecutionId());
		if (slot == null) {
			throw new IllegalStateException("no step execution " + request.getStepExecutionId());
		}
		return slot.getJobExecutionId();
	}

	@Bean
	PartitionWatch partitionWatch(PartitionLedger ledger, JobRepository jobRepository,
			MessageChannel partitionRequests, RemoteProperties remote, RemoteRunProperties run, Clock clock) {
		String startWorkers = "java -jar catalog-image-batch.jar worker --broker " + remote.broker()
				+ " --db-url <this run's> --output <this run's>";
		return new PartitionWatch(ledger, jobRepository, partitionRequests, remote, run.lease(), clock, startWorkers);
	}

	/** The manager step, in place of the job's local partitioned step ({@code job.CatalogImageJobConfiguration}). */
	@Bean
	Step generate(RemotePartitioningManagerStepBuilderFactory managers, JobRepository jobRepository,
			MessageChannel partitionRequests, RemoteProperties remote, GenerationProperties generation,
			GenerateStepParts parts, ProgressReporter progress, PartitionWatch watch) {
		Partitioner slots = new WorkerSlotPartitioner();
		SimpleStepExecutionSplitter splitter = new SimpleStepExecutionSplitter(jobRepository,
				CatalogImageJob.WORKER_STEP, slots);
		splitter.setAllowStartIfComplete(true);
		return managers.get(CatalogImageJob.GENERATE_STEP)
			.partitioner(CatalogImageJob.WORKER_STEP, slots)
			// a restart sends every slot again, as the local step runs every slot again: the feed hands out only what
			// is still pending, and a slot that completed before must not leave its share of the workers idle
			.splitter(splitter)
			.gridSize(remote.partitionsFor(generation.workers()))
			.outputChannel(partitionRequests)
			.pollInterval(remote.pollInterval().toMillis())
			.listener(parts.runListener())
			.listener(progress)
			.listener(watch)
			.build();
	}

}
