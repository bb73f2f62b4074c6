package com.catalogimage.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where results go.
 *
 * @param dir the output folder: {@code images/}, {@code report.csv}, {@code rejected.csv} and the {@code .cache/}
 */
@ConfigurationProperties("imagebatch.output")
public record OutputProperties(@DefaultValue("output") Path dir) {
}
