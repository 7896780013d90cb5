package reflow.kernel.output;

import java.io.IOException;
import reflow.kernel.display.MimeBundle;
import reflow.kernel.jshell.CellIO;
import reflow.protocol.ExecutionContext;

/** Output as any kernel does it: streams, display_data and clear_output straight to the request. */
public final class DirectOutput implements CellIO {
    private final ExecutionContext context;

    public DirectOutput(ExecutionContext context) {
        this.context = context;
    }

    @Override
    public void write(String streamName, String text) {
        context.stream(streamName, text);
    }

    @Override
    public String readLine(String prompt) throws IOException {
        return StdinReader.readLine(context, prompt);
    }

    @Override
    public void display(Object value) {
        context.displayData(MimeBundle.of(value), java.util.Map.of(), null);
    }

    @Override
    public void clearOutput(boolean wait) {
        context.clearOutput(wait);
    }
}
