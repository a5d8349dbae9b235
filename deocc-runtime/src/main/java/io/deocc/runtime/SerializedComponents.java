package io.deocc.runtime;

import io.deocc.api.spi.Component;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Wraps components that say they are not thread-safe so that a shared pipeline calls them one at a
 * time. Thread-safe components are returned as they are.
 */
final class SerializedComponents {
    private SerializedComponents() {}

    static <T extends Component> T guard(Class<T> type, T delegate) {
        if (delegate.descriptor().threadSafe()) {
            return delegate;
        }
        Object lock = new Object();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(delegate, args); // equals, hashCode, toString: no lock needed
            }
            synchronized (lock) {
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
