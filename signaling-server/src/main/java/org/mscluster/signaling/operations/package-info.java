/**
 * What lets people run a node, assembled once when the node starts: the sampler that takes the node's
 * report (the cluster's one load model) every second, and the metrics, admin API, dashboard feed and
 * webhooks that read it.
 */
package org.mscluster.signaling.operations;
