/** Untrusted text made safe to quote in messages: one escaping rule and one cut-off for every module. */
package org.phasic.traces.domain.text;
