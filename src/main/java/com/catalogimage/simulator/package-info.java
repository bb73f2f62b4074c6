/**
 * The built-in API simulator: an in-process HTTP server on loopback that speaks the providers' wire formats with
 * their latencies, payload sizes and errors, so the job can be run and tested with no key and no network.
 */
@NullMarked
package com.catalogimage.simulator;

import org.jspecify.annotations.NullMarked;
