package io.jamesbounce.e2e;

import javax.inject.Inject;

import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceProbe;

/** Instances built the way James builds mailets: by the injector holding the extensions' Guice modules. */
public class ExtensionLoaderProbe implements GuiceProbe {
    private final GuiceGenericLoader loader;

    @Inject
    public ExtensionLoaderProbe(GuiceGenericLoader loader) {
        this.loader = loader;
    }

    public Object instantiate(String className) {
        try {
            return loader.instantiate(new ClassName(className));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not in extensions-jars/", e);
        }
    }
}
