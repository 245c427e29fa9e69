package io.jamesbounce.it;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceLoader;

/**
 * The extension's suppression list and bounce event history, as James built them from the jar in
 * extensions-jars. The test class path does not hold the extension, so they are read by reflection:
 * the instances and their types come from James' extension class loader, exactly as the mailets see them.
 */
final class ExtensionStore {
    private static final String SUPPRESSION_LIST = "io.jamesbounce.store.SuppressionList";
    private static final String EVENT_HISTORY = "io.jamesbounce.store.BounceEventHistory";

    private final Object suppressions;
    private final Object events;
    private final ClassLoader extensionLoader;
    private final Class<?> addressKeyType;

    ExtensionStore(GuiceLoader loader) throws Exception {
        this.suppressions = loader.instantiate(new ClassName(SUPPRESSION_LIST));
        this.events = loader.instantiate(new ClassName(EVENT_HISTORY));
        this.extensionLoader = suppressions.getClass().getClassLoader();
        this.addressKeyType = extensionLoader.loadClass("io.jamesbounce.core.policy.AddressKey");
    }

    ClassLoader classLoader() {
        return extensionLoader;
    }

    /** The suppression entry of an address, as its record components' string values. */
    Optional<Map<String, String>> suppression(String address) {
        Optional<?> found = (Optional<?>) call(suppressions, SUPPRESSION_LIST, "find", address);
        return found.map(ExtensionStore::components);
    }

    List<Map<String, String>> events(String address) {
        return ((List<?>) call(events, EVENT_HISTORY, "events", address)).stream().map(ExtensionStore::components).toList();
    }

    private Object call(Object target, String type, String method, String address) {
        try {
            Object key = addressKeyType.getMethod("of", String.class).invoke(null, address);
            Method m = extensionLoader.loadClass(type).getMethod(method, addressKeyType);
            return m.invoke(target, key);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

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
}
