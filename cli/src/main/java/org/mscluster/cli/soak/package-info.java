/**
 * The soak benchmark's parts: virtual protoo peers that join, produce and leave at a steady churn
 * ({@link org.mscluster.cli.soak.VirtualPeer}, on the client SDK's {@code ProtooPeer}), and what is
 * read of the node at the start and the end (process figures, the worker's contents, its warnings), so that
 * growth over a long run shows.
 */
package org.mscluster.cli.soak;
