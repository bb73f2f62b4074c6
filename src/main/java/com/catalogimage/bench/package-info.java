/**
 * The benchmark ({@code bench} command): runs the real job in-process against the simulator on generated catalogs and
 * reports how close it comes to the theoretical limit, its peak heap and RSS, and, side by side, the throughput of the
 * two generate-step designs it was chosen over (docs/ARCHITECTURE.md, the shared-feed section).
 */
@NullMarked
package com.catalogimage.bench;

import org.jspecify.annotations.NullMarked;
