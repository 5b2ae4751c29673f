/**
 * {@code /metrics} in Prometheus text format ({@code mscluster_} names): a node's host, workers, rooms and
 * peers read from its latest report and its room events; a dispatcher's decisions, redirects and store
 * round trips.
 */
package org.mscluster.signaling.metrics;
