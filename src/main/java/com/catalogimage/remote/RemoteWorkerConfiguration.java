package com.catalogimage.remote;

import com.catalogimage.generation.GenerateStepParts;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.generation.LeavingProcess;
import com.catalogimage.generation.WorkerIdentity;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.storage.OutputLayout;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code worker} process ({@code imagebatch.remote.role=worker}): takes slot requests from the broker's queue,
 * as many at once as the slots one process runs ({@link GenerationProperties#workers()}), screens each
 * ({@link SlotScreen}) and runs the generate step's worker step for it, built from the same parts as the local one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = RemoteProperties.ENABLED, havingValue = "true")
@ConditionalOnProperty(name = RemoteProperties.ROLE, havingValue = RemoteProperties.WORKER)
class RemoteWorkerConfiguration {

	@Bean
	SlotBeats slotBeats(PartitionLedger ledger, WorkerIdentity worker) {
		return new SlotBeats(ledger, worker.value());
	}

	@Bean
	RemoteWorker remoteWorker(RemoteProperties remote, GenerationProperties generation, WorkerIdentity worker,
			LeavingProcess leaving) {
		return new RemoteWorker(worker.value(), remote.broker(), generation.workers(), leaving);
	}

	@Bean
	SlotScreen slotScreen(JobRepository jobRepository, PartitionLedger ledger, ProviderProperties provider,
			OutputLayout layout, DataSourceProperties dataSource, MessageChannel partitionRequests,
			RemoteWorker remoteWorker, WorkerIdentity worker) {
		return new SlotScreen(jobRepository, ledger,
				new WorkerSettings(provider.name(), provider.model(), layout.root()), worker.value(),
				DatabaseNames.withoutPassword(dataSource.determineUrl()), partitionRequests, remoteWorker);
	}

	/** Slot requests this worker has screened and runs. */
	@Bean
	MessageChannel admittedRequests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow partitionRequestsFromBroker(ConnectionFactory brokerConnections, GenerationProperties generation,
			SlotScreen screen, MessageChannel admittedRequests, RemoteWorker remoteWorker, SlotBeats slotBeats) {
		DefaultMessageListenerContainer intake = new DefaultMessageListenerContainer();
		intake.setConnectionFactory(brokerConnections);
		intake.setDestinationName(PartitionRequests.QUEUE);
		// one consumer thread per slot this process runs; each runs its slot on that thread for as long as it lasts
		intake.setConcurrentConsumers(generation.workers());
		intake.setMaxConcurrentConsumers(generation.workers());
		// acknowledged on receipt (this container's AUTO_ACKNOWLEDGE): a request is never delivered twice, a slot
		// whose worker dies is the manager's to hand out again (PartitionWatch), as the job repository knows it
		intake.setSessionTransacted(false);
		intake.setSessionAcknowledgeMode(Session.AUTO_ACKNOWLEDGE);
		// a request received while the container stops is acknowledged already: the screen hands it back rather
		// than the container dropping it
		intake.setAcceptMessagesWhileStopping(true);
		remoteWorker.attach(intake, slotBeats);
		return IntegrationFlow.from(Jms.messageDrivenChannelAdapter(intake))
			.filter(Message.class, screen::admit, filter -> filter.discardChannel("nullChannel"))
			.handle(Message.class, (message, headers) -> {
				// the worker step runs on this thread: when send returns, the slot has recorded how it ended
				admittedRequests.send(message);
				screen.afterRun(message);
				return null;
			})
			.get();
	}

	/** The generate step's worker, built as the local one is ({@link GenerateStepParts#workerStep}), beating its slot. */
	@Bean
	Step generateWorker(RemotePartitioningWorkerStepBuilderFactory workers,
			PlatformTransactionManager transactionManager, GenerateStepParts parts, GenerationProperties generation,
			MessageChannel admittedRequests, SlotBeats slotBeats) {
		return parts
			.workerStep(workers.get(CatalogImageJob.WORKER_STEP).inputChannel(admittedRequests), transactionManager,
					generation.chunkSize())
			.listener(slotBeats)
			.build();
	}

}
