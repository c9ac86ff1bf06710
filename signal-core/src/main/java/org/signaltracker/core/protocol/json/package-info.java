/**
 * JSON helpers shared by every wire dialect: the strict RFC 8259 check ({@link
 * org.signaltracker.core.protocol.json.JsonSyntax}) and, for already-checked text, a member scanner and string
 * reader. Every class here is stateless and thread-safe, or says otherwise.
 */
package org.signaltracker.core.protocol.json;
