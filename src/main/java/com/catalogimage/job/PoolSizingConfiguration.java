package com.catalogimage.job;

import com.catalogimage.generation.GenerationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Registers {@link LazyConnectionPool} early; a post-processor cannot wait for configuration-properties beans. */
@Configuration(proxyBeanMethods = false)
class PoolSizingConfiguration {

	@Bean
	static LazyConnectionPool lazyConnectionPool(Environment environment) {
		// bound as the GenerationProperties bean will be, so its default applies (a post-processor cannot wait for it)
		GenerationProperties generation = Binder.get(environment).bindOrCreate("imagebatch.generation",
				GenerationProperties.class);
		return new LazyConnectionPool(generation.workers());
	}

}
