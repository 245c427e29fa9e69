package io.jamesbounce.e2e;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The extension's suppression list and bounce event history ({@code SuppressionList},
 * {@code BounceEventHistory}), read through the classes of the javax jar. Nothing of the extension is on
 * this module's class path (its classes would shadow the jar's in James' parent-first extension loader),
 * so the store is driven by reflection and its records read as name → value maps.
 */
public final class ExtensionStore implements AutoCloseable {
    private static final String SUPPRESSION_LIST = "io.jamesbounce.store.SuppressionList";
    private static final String EVENT_HISTORY = "io.jamesbounce.store.BounceEventHistory";

    private final Object suppressionList;
    private final Object eventHistory;
    private final ClassLoader loader;
    private final Class<?> suppressionListType;
    private final Class<?> eventHistoryType;
    private final Class<?> addressKeyType;
    private final Runnable onClose;

    private ExtensionStore(Object suppressionList, Object eventHistory, Runnable onClose) {
        try {
            this.loader = suppressionList.getClass().getClassLoader();
            this.suppressionList = suppressionList;
            this.eventHistory = eventHistory;
            this.suppressionListType = loader.loadClass(SUPPRESSION_LIST);
            this.eventHistoryType = loader.loadClass(EVENT_HISTORY);
            this.addressKeyType = loader.loadClass("io.jamesbounce.core.policy.AddressKey");
            this.onClose = onClose;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("not the extension's store: " + suppressionList.getClass(), e);
        }
    }

    /** The list and the history a running James built (the ones its mailets use), by their type names. */
    public static ExtensionStore of(Function<String, Object> instantiate) {
        return new ExtensionStore(instantiate.apply(SUPPRESSION_LIST), instantiate.apply(EVENT_HISTORY), () -> { });
    }

    /**
     * The embedded H2 store of a stopped James, opened with the jar's own classes: {@code var/bounces/suppressions.mv.db}.
     * H2 allows one process at a time: James must be stopped.
     */
    public static ExtensionStore openEmbedded(Path extensionJar, Path varFolder) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {extensionJar.toUri().toURL()}, ExtensionStore.class.getClassLoader());
        try {
            Class<?> h2 = loader.loadClass("io.jamesbounce.store.jdbc.EmbeddedH2");
            Object pool = h2.getMethod("dataSource", Path.class).invoke(null, varFolder);
            Class<?> dataSource = loader.loadClass("javax.sql.DataSource");
            // one JdbcSuppressionRepository: the list and the history both
            Object repository = h2.getMethod("repository", dataSource).invoke(null, pool);
            return new ExtensionStore(repository, repository, () -> {
                try {
                    pool.getClass().getMethod("dispose").invoke(pool);
                    loader.close();
                } catch (ReflectiveOperationException | IOException e) {
                    throw new IllegalStateException("cannot close the H2 store", e);
                }
            });
        } catch (InvocationTargetException e) {
            loader.close();
            throw new IOException("cannot open the H2 store under " + varFolder + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            loader.close();
            throw new IllegalStateException("the extension jar has no embedded store: " + extensionJar, e);
        }
    }

    /** The class loader the store's classes come from. */
    public ClassLoader classLoader() {
        return loader;
    }

    /** The suppression entry of an address, active or expired. */
    public Optional<Map<String, String>> suppression(String address) {
        return ((Optional<?>) call(suppressionList, suppressionListType, "find", address)).map(ExtensionStore::components);
    }

    /** Every event recorded for an address, oldest first. */
    public List<Map<String, String>> events(String address) {
        return ((List<?>) call(eventHistory, eventHistoryType, "events", address)).stream().map(ExtensionStore::components).toList();
    }

    /** The events an {@code UntrustedEventLog} holds for an address, as their components' string values. */
    public static List<Map<String, String>> untrustedEvents(Object log, String address) {
        try {
            ClassLoader loader = log.getClass().getClassLoader();
            Class<?> keyType = loader.loadClass("io.jamesbounce.core.policy.AddressKey");
            Object key = keyType.getMethod("of", String.class).invoke(null, address);
            Object events = loader.loadClass("io.jamesbounce.store.UntrustedEventLog").getMethod("events", keyType).invoke(log, key);
            return ((List<?>) events).stream().map(ExtensionStore::components).toList();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the untrusted-event log: " + e, e);
        }
    }

    /** Every entry, in address order. */
    public List<Map<String, String>> suppressions() {
        List<Map<String, String>> all = new ArrayList<>();
        Consumer<Object> collect = entry -> all.add(components(entry));
        invoke(suppressionList, method(suppressionListType, "forEachSuppression", Consumer.class), collect);
        return all;
    }

    private Object call(Object target, Class<?> type, String name, String address) {
        try {
            Object key = addressKeyType.getMethod("of", String.class).invoke(null, address);
            return invoke(target, method(type, name, addressKeyType), key);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Object target, Method method, Object argument) {
        try {
            return method.invoke(target, argument);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record as its components' string values; an empty Optional is "". */
    private static Map<String, String> components(Object record) {
        Map<String, String> values = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(record);
                if (value instanceof Optional<?> optional) {
                    value = optional.map(Object::toString).orElse("");
                }
                values.put(component.getName(), String.valueOf(value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
