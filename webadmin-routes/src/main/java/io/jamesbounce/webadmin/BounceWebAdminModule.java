package io.jamesbounce.webadmin;

import org.apache.james.webadmin.mdc.RequestLogger;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * What the routes need from James' WebAdmin besides the routes themselves: the import is logged
 * without reading its body. {@code extensions.properties}: add
 * {@code io.jamesbounce.webadmin.BounceWebAdminModule} to {@code guice.extension.module}.
 */
public class BounceWebAdminModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), RequestLogger.class).addBinding().to(ImportRequestLogger.class);
    }
}
