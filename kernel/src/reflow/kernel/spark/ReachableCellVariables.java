package reflow.kernel.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import reflow.kernel.spark.CellClassIndex.ClassInfo;
import reflow.kernel.spark.CellClassIndex.FieldRef;
import reflow.kernel.spark.CellClassIndex.MethodInfo;
import reflow.kernel.spark.CellClassIndex.MethodRef;

/**
 * The top-level cell variables that code shipped to executors can read, directly or through the cell code
 * it runs: cell methods it calls (and the methods they call, cycles included), methods of cell classes it
 * calls or creates (with every override a known cell subclass declares, and every method of a class it
 * creates, since library code may call any of them), lambdas and method references in that code. A walk
 * stays inside snippet classes ({@link CellClassIndex}); calls into the JDK or Spark are not followed. It
 * runs once per shipped lambda or class, when that class is defined.
 */
final class ReachableCellVariables {
    private final CellClassIndex index;
    private final Map<FieldRef, String> found = new LinkedHashMap<>();
    private final Set<String> methodsSeen = new HashSet<>();
    private final Set<String> classesSeen = new HashSet<>();
    private final Map<String, List<ClassInfo>> subtypes = new HashMap<>();
    private final Deque<MethodInfoAt> work = new ArrayDeque<>();

    private record MethodInfoAt(String owner, MethodInfo method) {}

    private ReachableCellVariables(CellClassIndex index) {
        this.index = index;
    }

    /**
     * What the body of a lambda can reach, except the variables it reads itself (those it captures, see
     * {@link ClosureCapture}).
     */
    static Map<FieldRef, String> fromLambda(CellClassIndex index, String owner, String name, String descriptor) {
        ReachableCellVariables walk = new ReachableCellVariables(index);
        ClassInfo c = index.get(owner);
        MethodInfo body = c == null ? null : c.methods().get(name + descriptor);
        if (body == null) {
            return Map.of();
        }
        walk.methodsSeen.add(owner + "." + body.name() + body.descriptor());
        walk.follow(owner, body);
        walk.run(); // the body's own reads are not walked: they are captured (unless a callee reads them too)
        return walk.found;
    }

    /** What a method reference ({@code Rate::apply}, {@code Word::new}) runs: the method and what it reaches. */
    static Map<FieldRef, String> fromReference(CellClassIndex index, Handle impl) {
        ReachableCellVariables walk = new ReachableCellVariables(index);
        int opcode = switch (impl.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            default -> Opcodes.INVOKESPECIAL;
        };
        walk.targets(new MethodRef(opcode, impl.getOwner(), impl.getName(), impl.getDesc())).forEach(walk::enqueue);
        if (impl.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
            walk.everyMethodOf(impl.getOwner());
        }
        walk.run();
        return walk.found;
    }

    /** What any method of the class (and of its cell superclasses) can reach. */
    static Map<FieldRef, String> fromClass(CellClassIndex index, String className) {
        ReachableCellVariables walk = new ReachableCellVariables(index);
        walk.everyMethodOf(className);
        walk.run();
        return walk.found;
    }

    private void run() {
        while (!work.isEmpty()) {
            MethodInfoAt at = work.pop();
            for (FieldRef read : at.method().reads()) {
                if (isCellVariable(read)) {
                    found.putIfAbsent(read, describe(at.owner(), at.method()));
                }
            }
            follow(at.owner(), at.method());
        }
    }

    private void follow(String owner, MethodInfo method) {
        for (MethodRef call : method.calls()) {
            targets(call).forEach(this::enqueue);
        }
        method.creates().forEach(this::everyMethodOf);
    }

    private void enqueue(MethodInfoAt at) {
        if (methodsSeen.add(at.owner() + "." + at.method().name() + at.method().descriptor())) {
            work.push(at);
        }
    }

    private void everyMethodOf(String className) {
        if (!classesSeen.add(className)) {
            return;
        }
        for (String ancestor : index.cellAncestors(className)) {
            ClassInfo c = index.get(ancestor);
            c.methods().values().forEach(m -> enqueue(new MethodInfoAt(ancestor, m)));
        }
    }

    /** The method a call runs: the nearest declaration upwards and, for a virtual call, overrides below. */
    private List<MethodInfoAt> targets(MethodRef call) {
        List<MethodInfoAt> result = new ArrayList<>();
        for (String ancestor : index.cellAncestors(call.owner())) {
            MethodInfo m = index.get(ancestor).methods().get(call.key());
            if (m != null) {
                result.add(new MethodInfoAt(ancestor, m));
                break;
            }
        }
        if (call.opcode() == Opcodes.INVOKEVIRTUAL || call.opcode() == Opcodes.INVOKEINTERFACE) {
            for (ClassInfo sub : subtypes.computeIfAbsent(call.owner(), index::subtypesOf)) {
                MethodInfo m = sub.methods().get(call.key());
                if (m != null) {
                    result.add(new MethodInfoAt(sub.name(), m));
                }
            }
        }
        return result;
    }

    private boolean isCellVariable(FieldRef read) {
        ClassInfo owner = index.get(read.owner());
        return owner == null || owner.staticFields().contains(read.name());
    }

    /** How an error names the method that reads a variable: {@code scale(int)}, {@code Rate.apply(double)}. */
    static String describe(String owner, MethodInfo method) {
        String simple = owner.substring(owner.lastIndexOf('$') + 1);
        String in = CellClassIndex.WRAPPER.matcher(owner).matches() ? ""
                : simple.chars().allMatch(Character::isDigit) ? "an anonymous class's " : simple + ".";
        String name = method.name();
        if (name.startsWith("lambda$")) { // javac's lambda$enclosing$n; JShell's cell body is do_it$
            int end = name.indexOf('$', "lambda$".length());
            String enclosing = end < 0 ? "" : name.substring("lambda$".length(), end);
            return enclosing.isEmpty() || (in.isEmpty() && enclosing.equals("do_it")) ? "a lambda in a cell"
                    : "a lambda in " + in + enclosing;
        }
        StringBuilder text = name.equals("<init>") ? new StringBuilder("new ").append(simple)
                : name.equals("<clinit>") ? new StringBuilder(in).append("static initializer")
                : new StringBuilder(in).append(name);
        text.append('(');
        Type[] params = Type.getArgumentTypes(method.descriptor());
        for (int i = 0; i < params.length; i++) {
            String type = params[i].getClassName();
            text.append(i > 0 ? ", " : "").append(type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1));
        }
        return text.append(')').toString();
    }

}
