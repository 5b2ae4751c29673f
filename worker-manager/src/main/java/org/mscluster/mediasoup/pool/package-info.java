/**
 * A pool of workers for an application that runs many routers: one worker per core by default,
 * each new router on the least loaded worker ({@link org.mscluster.mediasoup.pool.LeastLoaded}, with
 * a load counted from the mediasoup objects' observer events or given by a function), and a worker
 * that died replaced after an exponential backoff ({@link org.mscluster.mediasoup.pool.ReplacementBackoff}),
 * with {@code workerdied} and {@code workerreplaced} events so the application can recreate what
 * the dead worker held.
 */
package org.mscluster.mediasoup.pool;
