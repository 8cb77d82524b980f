package org.phasic.traces.adapter.github.archviolation;

import com.google.inject.AbstractModule;

/** Planted violation: an adapter using Guice. Only ArchitectureTest imports it. */
public final class AdapterUsingGuice extends AbstractModule {
}
