/** Pure model and logic of phasic-traces; depends on the JDK only. */
package org.phasic.traces.domain;
