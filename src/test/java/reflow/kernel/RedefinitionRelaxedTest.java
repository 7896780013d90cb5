package reflow.kernel;

/** {@link RedefinitionScenarios} in relaxed mode (the default kernel). */
class RedefinitionRelaxedTest extends RedefinitionScenarios {
    @Override
    String[] kernelArgs() {
        return new String[0];
    }
}
