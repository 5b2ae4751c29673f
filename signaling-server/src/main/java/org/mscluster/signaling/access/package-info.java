/**
 * Who may join which room: {@link org.mscluster.signaling.access.AccessGuard} is asked by the
 * WebSocket handshake and {@code /api/dispatch} alike; {@link
 * org.mscluster.signaling.access.TokenAccessGuard} checks the namespace's JWT (cluster mode), {@link
 * org.mscluster.signaling.access.AccessGuard#OPEN} lets everybody in (standalone quick start).
 */
package org.mscluster.signaling.access;
