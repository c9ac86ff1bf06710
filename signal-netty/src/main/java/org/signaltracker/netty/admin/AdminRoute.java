package org.signaltracker.netty.admin;

/**
 * One admin route. It runs on the admin thread, never on an event loop, so it may take a while (walk the
 * swarm store, query a database); meanwhile other admin requests wait their turn.
 */
@FunctionalInterface
public interface AdminRoute {

    AdminResponse handle(AdminRequest request);
}
