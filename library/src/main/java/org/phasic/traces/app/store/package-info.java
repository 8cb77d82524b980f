/** The local store on disk: verified trace files by CID with a reference per id, and the last good registry download. */
package org.phasic.traces.app.store;
