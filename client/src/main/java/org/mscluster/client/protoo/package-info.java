/**
 * The protoo signaling connection (request/response/notification over a WebSocket with subprotocol
 * {@code protoo}), on the JDK's WebSocket and Jackson only, so any Java protoo client can use it.
 */
package org.mscluster.client.protoo;
