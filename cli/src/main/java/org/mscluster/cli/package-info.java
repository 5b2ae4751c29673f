/** The {@code mscluster} command line: one picocli command per verb, printing JSON where a machine reads it. */
package org.mscluster.cli;
