/**
 * Command-line operations of the jar: parsing flags into configuration, launching or continuing the job instance, and
 * turning its outcome into an exit code cron can act on.
 */
@NullMarked
package com.catalogimage.ops;

import org.jspecify.annotations.NullMarked;
