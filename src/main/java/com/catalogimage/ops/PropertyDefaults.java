package com.catalogimage.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.catalogimage.batchmode.BatchModeProperties;
import com.catalogimage.catalog.CatalogProperties;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.remote.RemoteProperties;
import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.storage.OutputProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each flag's default as the help (and the README's flag table) states it. For a flag that sets a property it is
 * what the properties record binds when nothing sets the property: the record is the one place a default is written.
 * A few defaults are worked out at run time from other settings; the record leaves them open (0, -1, null) and
 * {@link #DERIVED} says them in words. The {@code spring.*} settings the flags set are Spring's, not a record's:
 * their defaults are application.yml's.
 * <p>
 * For the help only: picocli never applies these. A flag not given sets nothing, so a job profile still decides.
 */
final class PropertyDefaults implements IDefaultValueProvider {

	/** Defaults derived at run time, in the words the help and README use. */
	static final Map<String, String> DERIVED = Map.of("imagebatch.generation.burst", "rpm / 60",
			"imagebatch.generation.skip-limit", "5 % of the catalog, at least 10", "imagebatch.generation.rpd", "none",
			"imagebatch.provider.base-url", "the provider's own", "spring.datasource.url",
			"H2 file data/catalog-image-batch", "imagebatch.remote.partitions", "4 × workers");

	/** The properties records the flags set, by prefix. */
	private static final Map<String, Class<? extends Record>> RECORDS = Map.of("imagebatch.batch",
			BatchModeProperties.class, "imagebatch.catalog",
			CatalogProperties.class, "imagebatch.output", OutputProperties.class, "imagebatch.provider",
			ProviderProperties.class, "imagebatch.generation", GenerationProperties.class, "imagebatch.simulator",
			SimulatorProperties.class, "imagebatch.remote", RemoteProperties.class);

	private final Binder nothingSet = new Binder();

	private final Map<String, Object> records = new HashMap<>();

	private @Nullable Binder applicationYml;

	@Override
	public @Nullable String defaultValue(ArgSpec argument) {
		return argument instanceof OptionSpec option && !option.usageHelp() ? describe(option) : null;
	}

	/** A flag's default: the property's, else the command's own initial value; a switch is off, a value none. */
	String describe(OptionSpec option) {
		boolean isSwitch = option.arity().max() == 0;
		String property = property(option);
		if (property != null) {
			return describe(property, isSwitch);
		}
		return format(option.initialValue(), isSwitch);
	}

	/** A property's default, for a switch ({@code off}/{@code on}) or a flag with a value. */
	String describe(String property, boolean isSwitch) {
		String derived = DERIVED.get(property);
		if (derived != null) {
			return derived;
		}
		return format(value(property), isSwitch);
	}

	/** The value a property has when nothing sets it. */
	@Nullable Object value(String property) {
		for (Map.Entry<String, Class<? extends Record>> entry : RECORDS.entrySet()) {
			if (property.startsWith(entry.getKey() + ".")) {
				Object record = this.records.computeIfAbsent(entry.getKey(),
						prefix -> this.nothingSet.bindOrCreate(prefix, entry.getValue()));
				return component(record, property.substring(entry.getKey().length() + 1), property);
			}
		}
		if (property.startsWith("spring.")) {
			if (this.applicationYml == null) {
				this.applicationYml = applicationYml();
			}
			return this.applicationYml.bind(property, String.class).orElse(null);
		}
		throw new IllegalArgumentException("no properties record binds " + property);
	}

	/** The configuration property a flag sets, or null for a flag its command reads itself. */
	static @Nullable String property(OptionSpec option) {
		Property property = option.userObject() instanceof AnnotatedElement element
				? element.getAnnotation(Property.class) : null;
		return property == null ? null : property.value();
	}

	/** {@code faults.rate-429} of a record: its {@code faults()} record's {@code rate429()}. */
	private static @Nullable Object component(Object record, String path, String property) {
		Object value = record;
		for (String name : path.split("\\.")) {
			value = accessor(value, name.replace("-", ""), property);
		}
		return value;
	}

	private static @Nullable Object accessor(@Nullable Object record, String name, String property) {
		if (record != null && record.getClass().isRecord()) {
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				if (component.getName().equalsIgnoreCase(name)) {
					try {
						return component.getAccessor().invoke(record);
					}
					catch (ReflectiveOperationException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
		throw new IllegalArgumentException("no properties record binds " + property);
	}

	private static String format(@Nullable Object value, boolean isSwitch) {
		if (value instanceof Boolean on && isSwitch) {
			return on ? "on" : "off";
		}
		if (value == null || value instanceof Collection<?> list && list.isEmpty()) {
			return isSwitch ? "off" : "none";
		}
		if (value instanceof Double number) {
			return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
		}
		if (value instanceof Duration duration) {
			return readable(duration);
		}
		return value.toString();
	}

	/** A duration as a profile writes it, in its largest whole unit: {@code 10m}, {@code 90s}, {@code 1500ms}. */
	private static String readable(Duration duration) {
		long millis = duration.toMillis();
		long[] sizes = { 86_400_000L, 3_600_000L, 60_000L, 1_000L };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			if (millis != 0 && millis % sizes[i] == 0) {
				return millis / sizes[i] + units[i];
			}
		}
		return millis + "ms";
	}

	private static Binder applicationYml() {
		MutablePropertySources sources = new MutablePropertySources();
		try {
			new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
				.forEach(sources::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Binder(ConfigurationPropertySources.from(sources));
	}

}
