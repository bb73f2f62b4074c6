package com.catalogimage.job;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Sizes the connection pool for the concurrency and makes connections lazy. A Batch 6 chunk step opens its
 * transaction before reading and commits after writing, so with a plain pool every worker would hold a connection
 * through its provider call (3 to 170 s) and the pool would have to be as large as the concurrency or throughput
 * collapses (the prototype fell to 30 %). Behind {@link LazyConnectionDataSourceProxy} a chunk transaction takes a
 * physical connection only when its writer runs its first statement, so connections are held for milliseconds and a
 * pool of concurrency + {@value #HEADROOM} serves the workers, the attempt journal and the job repository.
 */
class LazyConnectionPool implements BeanPostProcessor {

	static final int HEADROOM = 6;

	private final int concurrency;

	public LazyConnectionPool(int concurrency) {
		this.concurrency = concurrency;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool) {
			if (pool.getMaximumPoolSize() < this.concurrency + HEADROOM) {
				pool.setMaximumPoolSize(this.concurrency + HEADROOM);
			}
			return new LazyConnectionDataSourceProxy(pool);
		}
		return bean;
	}

	/** The pool behind a data source made by this post-processor, if any. */
	static HikariDataSource pool(DataSource dataSource) {
		if (dataSource instanceof LazyConnectionDataSourceProxy proxy
				&& proxy.getTargetDataSource() instanceof HikariDataSource pool) {
			return pool;
		}
		return dataSource instanceof HikariDataSource pool ? pool : null;
	}

}
