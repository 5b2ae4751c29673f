/**
 * Test support shared by the unit and integration tests: a fake clock, node fixtures and a real
 * {@code redis-server} that each integration test class starts on a free loopback port.
 */
package org.mscluster.cluster.testing;
