package com.catalogimage.job;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Grows the connection pool to the concurrency. A Batch 6 chunk step holds one connection for the whole chunk, slow
 * provider call included, so with fewer connections than workers the workers queue for connections and throughput
 * silently collapses (the prototype fell to 30 % with Hikari's default of 10).
 */
public class ConnectionPoolSizer implements BeanPostProcessor {

	/** The job thread, the manager step, the report and headroom. */
	static final int HEADROOM = 6;

	private final int concurrency;

	public ConnectionPoolSizer(int concurrency) {
		this.concurrency = concurrency;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getMaximumPoolSize() < this.concurrency + HEADROOM) {
			pool.setMaximumPoolSize(this.concurrency + HEADROOM);
		}
		return bean;
	}

}
