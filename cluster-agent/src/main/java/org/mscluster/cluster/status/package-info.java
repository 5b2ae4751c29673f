/**
 * Read-only views of the cluster for operators: live nodes with their load and rooms, whole or
 * restricted to one namespace.
 */
package org.mscluster.cluster.status;
