/**
 * The signaling hub: identities ({@code /ws} usernames, {@code /v1} registrations and the connections online
 * under them, one namespace), named rooms, keyed rooms of seed 000, authentication (the {@link
 * org.signaltracker.core.signaling.Authenticator} port, HMAC tokens, signed cookies) and relay targets. It knows
 * no wire format: the codecs in {@code protocol.signaling} word its events for each dialect. Everything here is
 * thread-safe unless its javadoc says otherwise; each class states which lock guards what and why.
 */
package org.signaltracker.core.signaling;
