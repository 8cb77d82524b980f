/** Jackson implementations of the file-format ports. */
package org.phasic.traces.app.codec;
