/**
 * The benchmark ({@code bench} command): runs the real job in-process against the simulator on generated catalogs and
 * reports how close it comes to the theoretical limit, its peak heap and RSS, and, side by side, the throughput of the
 * two generate-step designs it was chosen over (ARCHITECTURE.md, "Why the generate step is partitioned").
 */
@NullMarked
package com.catalogimage.bench;

import org.jspecify.annotations.NullMarked;
