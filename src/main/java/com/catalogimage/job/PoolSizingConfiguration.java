package com.catalogimage.job;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Registers {@link LazyConnectionPool} early; a post-processor cannot wait for configuration-properties beans. */
@Configuration(proxyBeanMethods = false)
class PoolSizingConfiguration {

	@Bean
	static LazyConnectionPool lazyConnectionPool(Environment environment) {
		int concurrency = Binder.get(environment).bind("imagebatch.generation.concurrency", Integer.class).orElse(8);
		return new LazyConnectionPool(concurrency);
	}

}
