/** Runnable examples of the client SDK. */
package org.mscluster.client.examples;
