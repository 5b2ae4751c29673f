/**
 * Locating clients: explicit {@code region}/{@code isp} query values, else a longest-prefix CIDR
 * table of client addresses (IPv4 and IPv6), turned into a
 * {@link org.mscluster.cluster.model.ClientInfo} for placement.
 */
package org.mscluster.cluster.locate;
