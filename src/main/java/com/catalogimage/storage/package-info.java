/**
 * Files and rows that outlive a run: the content-addressed image cache, atomic placement of images in the output
 * folder, the image manifest, the attempt journal, and the result rows ({@code generation_result}, which only
 * {@link com.catalogimage.storage.ResultRepository} reads and writes, and the progress line's running totals it hands
 * out read).
 */
@NullMarked
package com.catalogimage.storage;

import org.jspecify.annotations.NullMarked;
