/**
 * Test fixtures of the signaling server that other modules' tests use too (published as its test-jar):
 * the one protoo test client, and a cluster on this machine (Redis, nodes, dispatchers, tokens).
 */
package org.mscluster.signaling.testing;
