/**
 * The cluster's vocabulary: nodes (who they are, how loaded), rooms (their keys and placements)
 * and clients (where they come from). Immutable records that every other package of the cluster
 * layer exchanges; nothing here talks to Redis or decides anything.
 */
package org.mscluster.cluster.model;
