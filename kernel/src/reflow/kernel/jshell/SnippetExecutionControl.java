package reflow.kernel.jshell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.locks.LockSupport;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.SPIResolutionException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets on the calling thread (the kernel's cell thread, see {@link CellThread}) and keeps what
 * JShell's string-based SPI would lose: the raw value a snippet returned and the real Throwable that
 * escaped it. Knows which thread is inside user code, so a stop can be escalated only there.
 */
final class SnippetExecutionControl extends DirectExecutionControl {
    private final Object runningLock = new Object();
    private Thread runningThread; // guarded by runningLock
    private Object lastValue;
    private Throwable lastThrown;
    private boolean probingClassName;
    private String probedClassName;
    private RunException failNextInvoke;

    private final SnippetLoaderDelegate delegate;
    /** This session's stop state, which the instrumented stop checks read. */
    private final StopSignal stopSignal = new StopSignal();

    SnippetExecutionControl(ClassLoader parent) {
        this(new SnippetLoaderDelegate(parent));
    }

    private SnippetExecutionControl(SnippetLoaderDelegate delegate) {
        super(delegate);
        this.delegate = delegate;
        Interruption.install(stopSignal);
    }

    StopSignal stopSignal() {
        return stopSignal;
    }

    /** The class loader of every class and record declared in cells. */
    ClassLoader snippetClassLoader() {
        return delegate.classLoader();
    }

    ExecutionControlProvider asProvider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "reflow-in-process";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, java.util.Map<String, String> parameters) {
                return SnippetExecutionControl.this;
            }
        };
    }

    /**
     * Runs a snippet's already compiled {@code do_it$} again, as JShell's own invoke would (same entry and
     * exit, the same conversion of what escapes it), without compiling anything.
     */
    String invokeCompiled(Method doIt) throws RunException, InternalException {
        try {
            clientCodeEnter();
            String result = invoke(doIt);
            System.out.flush();
            return result;
        } catch (RunException | InternalException e) {
            throw e;
        } catch (SPIResolutionException e) {
            return throwConvertedInvocationException(e);
        } catch (InvocationTargetException e) {
            return throwConvertedInvocationException(e.getCause());
        } catch (Throwable e) {
            return throwConvertedOtherException(e);
        } finally {
            clientCodeLeave();
        }
    }

    /**
     * Makes JShell's next invoke fail with {@code failure} instead of running anything: JShell then turns it
     * into the exception it reports, with its stack translated to snippet lines (see {@link CompiledCells}).
     */
    void failNextInvoke(RunException failure) {
        failNextInvoke = failure;
    }

    @Override
    public String invoke(String className, String methodName)
            throws RunException, InternalException, EngineTerminationException {
        RunException failure = failNextInvoke;
        if (failure != null) {
            failNextInvoke = null;
            throw failure;
        }
        return super.invoke(className, methodName);
    }

    @Override
    protected String invoke(Method doIt) throws Exception {
        Object value;
        enterClientCode();
        try {
            value = doIt.invoke(null);
        } catch (InvocationTargetException e) {
            leaveClientCode();
            lastThrown = e.getCause();
            throw e;
        }
        leaveClientCode();
        lastValue = value;
        // The kernel renders the raw value itself; calling toString() here would run user code twice.
        return "";
    }

    private void enterClientCode() {
        synchronized (runningLock) {
            runningThread = Thread.currentThread();
        }
        // Libraries added at run time are found through the context loader (ServiceLoader, JDBC, SLF4J,
        // Spark); threads the cell starts inherit it.
        Thread.currentThread().setContextClassLoader(delegate.classLoader());
    }

    private void leaveClientCode() {
        synchronized (runningLock) {
            runningThread = null;
        }
        if (stopSignal.isAbandoned(Thread.currentThread())) {
            // The kernel gave up on this thread and moved on: coming back into JShell now would race with the
            // cells that run since. It stays parked until the kernel restarts.
            while (true) {
                LockSupport.park(this);
            }
        }
    }

    /** While probing, answers JShell's varValue call with nothing but remembers the wrapper class. */
    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        if (probingClassName) {
            probedClassName = className;
            return "";
        }
        return super.varValue(className, varName);
    }

    /** Runs {@code call} (which must end in JShell.varValue) and returns the wrapper class name it used. */
    String probeWrapperClass(Runnable call) {
        probingClassName = true;
        probedClassName = null;
        try {
            call.run();
            return probedClassName;
        } finally {
            probingClassName = false;
        }
    }

    /** {@code observer} sees the bytecode of every batch of snippet classes JShell loads. */
    void observeLoads(java.util.function.Consumer<ClassBytecodes[]> observer) {
        delegate.observeLoads(observer);
    }

    void setClassHook(SnippetClassHook hook) {
        delegate.setHook(hook);
    }

    /** Snippet classes whose bytes are recorded but not yet defined. */
    int pendingClassCount() {
        return delegate.pendingClassCount();
    }

    /** Forgets the classes of snippets that are gone ({@code isDead} takes a class name). */
    void forgetSnippetClasses(java.util.function.Predicate<String> isDead) {
        delegate.forgetSnippetClasses(isDead);
    }

    int liveSnippetClassCount() {
        return delegate.liveSnippetClassCount();
    }

    int batchLoadersAlive() {
        return delegate.batchLoadersAlive();
    }

    Class<?> snippetClass(String name) throws ClassNotFoundException {
        return findClass(name);
    }

    void clearCapture() {
        lastValue = null;
        lastThrown = null;
    }

    Object lastValue() {
        return lastValue;
    }

    Throwable lastThrown() {
        return lastThrown;
    }

    @Override
    protected void clientCodeLeave() {
        Thread.interrupted(); // a late stop() must not break the kernel's own blocking calls
    }

    boolean isRunningClientCode(Thread thread) {
        synchronized (runningLock) {
            return runningThread == thread;
        }
    }

    /**
     * Thread.stop, while {@code thread} is inside user code (so the ThreadDeath lands there, not in JShell).
     * False when it is not, or when this JDK no longer has Thread.stop (20+).
     */
    @SuppressWarnings({"deprecation", "removal"})
    boolean stopClientCode(Thread thread) {
        synchronized (runningLock) {
            if (runningThread != thread) {
                return false;
            }
            try {
                thread.stop();
                return true;
            } catch (UnsupportedOperationException | LinkageError gone) {
                return false;
            }
        }
    }

    /** Any thread: raise the stop flag and wake the cell's thread from sleep, wait or blocking IO. */
    @Override
    public void stop() {
        stopSignal.request();
        synchronized (runningLock) {
            if (runningThread != null) {
                runningThread.interrupt();
            }
        }
    }
}
