/**
 * Node events ({@code node_up}, {@code node_draining}, {@code node_down}) told once for the whole
 * cluster, however many dispatchers run: the one holding a lease in the cluster store compares the
 * live nodes with what was last announced, which is kept in the store too, and records each change
 * as an event in the store's outbox in the same atomic step; events leave the outbox once delivered,
 * so a dispatcher that takes the lease over delivers what the previous one left, under the same ids.
 */
package org.mscluster.cluster.events;
