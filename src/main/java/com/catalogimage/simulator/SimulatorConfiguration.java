package com.catalogimage.simulator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code --provider simulator} the built-in simulator is started on loopback for the run, unless
 * {@code --base-url} points the run at a simulator that already runs (the {@code simulate} command, or one a test
 * started and controls).
 */
@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "imagebatch.provider.name", havingValue = "simulator", matchIfMissing = true)
	@ConditionalOnExpression("'${imagebatch.provider.base-url:}'.isBlank()")
	SimulatorServer simulatorServer(SimulatorProperties properties) {
		return SimulatorServer.start(properties);
	}

}
