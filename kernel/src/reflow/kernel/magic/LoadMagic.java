package reflow.kernel.magic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %load PATH}: the code of a {@code .java} / {@code .jsh} file, or each code cell of another
 * {@code .ipynb}, to run in this notebook before the rest of the cell. Relative paths are resolved against
 * the kernel's working directory (the notebook's folder in Jupyter).
 */
public final class LoadMagic {
    public static final String HELP = """
            Runs the code of a .java or .jsh file, or every code cell of another notebook (.ipynb) in order,
            as cells of this notebook (their definitions stay in the session, visible in %vars). Stops at the
            first cell that fails, naming it. Magic lines inside loaded cells run too (not %load itself).""";

    /** One piece of code to run and where it came from (for messages). */
    public record Piece(String origin, String code) {}

    private LoadMagic() {}

    public static boolean isLoad(MagicCell.Call call) {
        return call.name().equals("load") && !call.args().equals("--help") && !call.args().equals("-h");
    }

    public static List<Piece> pieces(String args) {
        if (args.isBlank()) {
            throw new Magics.MagicException("usage: %load PATH (a .java or .jsh file, or a notebook .ipynb)");
        }
        Path path = Path.of(args.strip()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new Magics.MagicException(path + " does not exist; nothing was loaded");
        }
        try {
            if (!path.toString().endsWith(".ipynb")) {
                return List.of(new Piece(path.getFileName().toString(), Files.readString(path)));
            }
            JsonNode notebook = new ObjectMapper().readTree(path.toFile());
            List<Piece> pieces = new ArrayList<>();
            int number = 0;
            for (JsonNode cell : notebook.path("cells")) {
                number++;
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                JsonNode source = cell.path("source");
                StringBuilder code = new StringBuilder();
                if (source.isArray()) {
                    source.forEach(line -> code.append(line.asText()));
                } else {
                    code.append(source.asText());
                }
                if (!code.toString().isBlank()) {
                    pieces.add(new Piece(path.getFileName() + " cell " + number, code.toString()));
                }
            }
            return pieces;
        } catch (IOException e) {
            throw new Magics.MagicException("cannot read " + path + ": " + e.getMessage());
        }
    }
}
