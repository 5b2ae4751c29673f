/**
 * The signaling server's one JSON mapper and its small helpers, shared by protoo, the HTTP API, the
 * admin API, the dashboard feed and webhooks, so that every JSON the server writes follows the same
 * rules (nulls left out, unknown fields tolerated).
 */
package org.mscluster.signaling.json;
