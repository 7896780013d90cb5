package reflow.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own Jupyter sandbox with both Reflow kernelspecs installed from target/reflow.jar, made
 * before its first test and removed after its last:
 * {@code @RegisterExtension static final InstalledReflow installed = new InstalledReflow();}
 */
final class InstalledReflow implements BeforeAllCallback, AfterAllCallback {
    private JupyterSandbox sandbox;

    JupyterSandbox sandbox() {
        return sandbox;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        sandbox = JupyterSandbox.withReflowInstalled();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
