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
 * The extension's suppression repository, as James built it from the jar in extensions-jars. The
 * test class path does not hold the extension, so it is read by reflection: the instance and its
 * types come from James' extension class loader, exactly as the mailets see them.
 */
final class ExtensionStore {
    private final Object repository;
    private final Class<?> repositoryType;
    private final Class<?> addressKeyType;

    ExtensionStore(GuiceLoader loader) throws Exception {
        this.repository = loader.instantiate(new ClassName("io.jamesbounce.store.SuppressionRepository"));
        ClassLoader extensionLoader = repository.getClass().getClassLoader();
        this.repositoryType = extensionLoader.loadClass("io.jamesbounce.store.SuppressionRepository");
        this.addressKeyType = extensionLoader.loadClass("io.jamesbounce.core.policy.AddressKey");
    }

    ClassLoader classLoader() {
        return repository.getClass().getClassLoader();
    }

    /** The suppression entry of an address, as its record components' string values. */
    Optional<Map<String, String>> suppression(String address) {
        Optional<?> found = (Optional<?>) call("find", address);
        return found.map(ExtensionStore::components);
    }

    List<Map<String, String>> events(String address) {
        return ((List<?>) call("events", address)).stream().map(ExtensionStore::components).toList();
    }

    private Object call(String method, String address) {
        try {
            Object key = addressKeyType.getMethod("of", String.class).invoke(null, address);
            Method m = repositoryType.getMethod(method, addressKeyType);
            return m.invoke(repository, key);
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
