/** The composition root: configuration layers, profiles and plugins, and the Guice modules that wire adapters to ports. */
package org.phasic.traces.app.composition;
