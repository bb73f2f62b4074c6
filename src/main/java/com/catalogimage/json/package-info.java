/**
 * The streaming JSON idioms that the provider clients and the simulator, which imitates them, both read and write
 * with: a shared factory, base64 as the wire formats send it, and tree walks that skip values of the wrong shape.
 */
@NullMarked
package com.catalogimage.json;

import org.jspecify.annotations.NullMarked;
