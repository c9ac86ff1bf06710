/**
 * The swarm store: lock-striped swarms of seeders and leechers per info hash, peer-id binding, limits, idle eviction.
 */
package org.signaltracker.core.tracker;
