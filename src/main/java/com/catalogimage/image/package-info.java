/**
 * The image vocabulary every feature shares, with no dependency of its own: sizes ({@code 1K}), aspect ratios and
 * the pixels they make, formats known by their leading bytes, width and height, and SHA-256 as every hash here is
 * written. The catalog validates rows with it, the provider clients and the simulator speak it on the wire, storage
 * checks and keeps images with it.
 */
@NullMarked
package com.catalogimage.image;

import org.jspecify.annotations.NullMarked;
