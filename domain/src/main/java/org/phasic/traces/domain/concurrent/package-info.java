/** Threads for background work that must never keep the JVM alive once a command is done. */
package org.phasic.traces.domain.concurrent;
