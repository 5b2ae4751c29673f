/**
 * The live dashboard: its page, and the once-a-second server-sent feed of the cluster (totals, history,
 * nodes, rooms, peers) it draws, gzip-compressed per event when the browser accepts it.
 */
package org.mscluster.signaling.dashboard;
