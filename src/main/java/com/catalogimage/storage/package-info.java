/**
 * Files and rows that outlive a run: the content-addressed image cache, atomic placement of images in the output
 * folder, and the repositories of results written in the chunk's transaction.
 */
@NullMarked
package com.catalogimage.storage;

import org.jspecify.annotations.NullMarked;
