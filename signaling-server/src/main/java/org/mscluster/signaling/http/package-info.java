/**
 * The plain HTTP side of the node's single port: {@code /health}, {@code /api/dispatch} and the web
 * client's static files, all errors as JSON. WebSocket upgrades pass through untouched to the
 * protoo handlers behind.
 */
package org.mscluster.signaling.http;
