/**
 * The vocabulary of a run that the job, the report and the commands share without depending on each other: what
 * identifies a run (its job parameters) and the names of the job and its steps in the job repository.
 */
@NullMarked
package com.catalogimage.run;

import org.jspecify.annotations.NullMarked;
