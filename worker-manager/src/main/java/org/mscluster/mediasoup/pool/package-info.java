/**
 * A pool of workers kept running: one worker per core by default, each in a slot whose worker is
 * replaced after an exponential backoff when it dies ({@link org.mscluster.mediasoup.pool.ReplacementBackoff}),
 * with {@code workerdied} and {@code workerreplaced} events so the application can recreate what the dead
 * worker held. Which worker hosts what is the caller's choice by slot: on a node, the cluster's placement
 * policy makes it, so the product chooses workers in one place.
 */
package org.mscluster.mediasoup.pool;
