/**
 * The daemon's configuration: one immutable record tree with documented defaults, and the file format that reads, validates and renders it.
 */
package org.signaltracker.core.config;
