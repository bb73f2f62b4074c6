/**
 * Generating the images: the generate step's parts (the shared feed, the processor with its cache lookup and its
 * rate-limited, retried, journalled provider call, the writer, the skip policy and listeners), the cost of a call,
 * and the {@link com.catalogimage.generation.GenerationRun} that holds what one execution decides while it runs.
 */
@NullMarked
package com.catalogimage.generation;

import org.jspecify.annotations.NullMarked;
