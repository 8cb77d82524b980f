/** Composition root: Guice modules, configuration, local store, bundled library, CLI and facade. */
package org.phasic.traces.app;
