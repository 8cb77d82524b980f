/** The Java facade: a configured, closeable client and the verified traces it returns. */
package org.phasic.traces.app.facade;
