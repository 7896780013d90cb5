package reflow.kernel.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import reflow.protocol.ExecutionContext;
import reflow.protocol.StdinNotAllowedException;

/** Reads a line for System.in through the frontend's stdin channel, with errors a user understands. */
final class StdinReader {
    private StdinReader() {}

    static String readLine(ExecutionContext context, String prompt) throws IOException {
        try {
            return context.readInput(prompt, false);
        } catch (StdinNotAllowedException e) {
            throw new IOException("System.in is not available: this frontend does not accept input "
                    + "(allow_stdin is false, as in nbconvert). Give the value in the code instead.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("input was interrupted");
        }
    }
}
