/**
 * Node events ({@code node_up}, {@code node_draining}, {@code node_down}) told exactly once for the
 * whole cluster, however many dispatchers run: the one holding a lease in the cluster store compares
 * the live nodes with what was last announced, which is kept in the store too, so a dispatcher that
 * takes the lease over goes on where the previous one stopped.
 */
package org.mscluster.cluster.events;
