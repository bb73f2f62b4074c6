/**
 * Remote partitioning (issue 17): the same jar as a manager ({@code run --workers remote}: stage, send the generate
 * step's slots over a JMS broker, wait by polling the job repository, report) and as {@code worker} processes on any
 * machine that take slots from the broker and run the generate step's worker step against the shared PostgreSQL job
 * repository. Active only with {@code imagebatch.remote.enabled=true}. The broker carries partition requests only;
 * the database decides who does which product. See docs/ARCHITECTURE.md, "Remote partitioning".
 */
@NullMarked
package com.catalogimage.remote;

import org.jspecify.annotations.NullMarked;
