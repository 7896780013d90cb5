package reflow.kernel;

/** {@link RedefinitionScenarios} in strict mode: re-runs also work on copies. */
class RedefinitionStrictTest extends RedefinitionScenarios {
    @Override
    String[] kernelArgs() {
        return new String[] {"--mode", "strict"};
    }
}
