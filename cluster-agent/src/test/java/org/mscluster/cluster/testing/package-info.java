/**
 * Test support shared by this module's tests and, through its test-jar, the other modules': a fake
 * clock, node fixtures and simulated nodes. A real {@code redis-server} for integration tests is
 * {@code org.mscluster.cluster.redis.LocalRedisServer}, the product's one launcher.
 */
package org.mscluster.cluster.testing;
