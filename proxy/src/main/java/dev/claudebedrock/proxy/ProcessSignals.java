package dev.claudebedrock.proxy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;

/**
 * Hears the process's signals (TERM and INT for a graceful stop, HUP for a reload).
 *
 * <p>
 * {@code sun.misc.Signal} in the supported {@code jdk.unsupported} module is the only way the JDK offers to hear
 * SIGHUP (a shutdown hook hears TERM and INT only, and cannot keep the process running). javac warns about every
 * direct use of it, a warning no {@code @SuppressWarnings} silences, and the build treats warnings as errors: so it
 * is reached by its name here, the one place that needs it.
 */
final class ProcessSignals {
  private static final MethodHandle HANDLE;
  private static final MethodHandle NEW_SIGNAL;
  private static final Class<?> HANDLER;

  static {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      HANDLER = Class.forName("sun.misc.SignalHandler");
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      HANDLE = lookup.findStatic(signal, "handle", MethodType.methodType(HANDLER, signal, HANDLER));
      NEW_SIGNAL = lookup.findConstructor(signal, MethodType.methodType(void.class, String.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private ProcessSignals() {}

  /** Runs {@code action} on the JDK's signal thread each time the process receives the signal named {@code name}. */
  static void on(String name, Runnable action) {
    Object handler = Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER},
        (proxy, method, args) -> switch (method.getName()) {
          case "handle" -> {
            action.run();
            yield null;
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> "signal handler for SIG" + name;
        });
    try {
      HANDLE.invoke(NEW_SIGNAL.invoke(name), handler);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot handle SIG" + name, e);
    }
  }
}
