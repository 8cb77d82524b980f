/** Trustless HTTP gateway retrieval. */
package org.phasic.traces.adapter.gateway;
