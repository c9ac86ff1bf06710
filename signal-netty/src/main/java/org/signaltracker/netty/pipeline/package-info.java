/**
 * The pipeline of every connection, assembled in one place, and the connection limit at its front.
 */
package org.signaltracker.netty.pipeline;
