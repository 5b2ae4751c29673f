/**
 * The API's errors, as the Node layer's classes: TypeError for invalid arguments, NotFoundError,
 * InvalidStateError for closed objects, UnsupportedError; the channel's failures are mapped to these in
 * one place.
 */
package org.mscluster.mediasoup.errors;
