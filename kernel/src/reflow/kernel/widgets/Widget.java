package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reflow.kernel.notebook.Notebook;

/**
 * A Jupyter widget model living in the kernel: its state (the keys of the model's schema in
 * {@code @jupyter-widgets/controls} 5 / {@code base} 6, all of them, with their defaults), kept in sync with
 * every frontend over its own comm. A cell that ends with a widget, or displays it, shows it; a frontend
 * without widget support shows its text.
 *
 * <p>Widgets are shared by reference in strict mode (they are the same object in every cell, since the
 * frontend holds one model per comm); the values they return are immutable.
 */
public abstract class Widget {
    public static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";
    static final String CONTROLS = "@jupyter-widgets/controls";
    static final String BASE = "@jupyter-widgets/base";
    static final String VERSION = "2.0.0";

    private final String id;
    final String definingCell;
    private final WidgetSession session;
    private final Map<String, Object> state = new LinkedHashMap<>();
    private final List<Widget> parts;
    private volatile boolean closed;

    /** A model of {@code @jupyter-widgets/controls} with a view of the same name. */
    Widget(String name, List<Widget> parts) {
        this(CONTROLS, name + "Model", CONTROLS, name + "View", parts);
    }

    Widget(String modelModule, String modelName, String viewModule, String viewName, List<Widget> parts) {
        this(modelModule, VERSION, modelName, viewModule, VERSION, viewName, parts);
    }

    Widget(String modelModule, String modelVersion, String modelName, String viewModule, String viewVersion,
           String viewName, List<Widget> parts) {
        this.session = WidgetSession.current();
        this.id = session.newCommId();
        this.definingCell = session.runningCell();
        this.parts = parts;
        state.put("_model_module", modelModule);
        state.put("_model_module_version", modelVersion);
        state.put("_model_name", modelName);
        state.put("_view_module", viewModule);
        state.put("_view_module_version", viewVersion);
        state.put("_view_name", viewName);
        Notebook.zeroCopy(this); // strict mode: one model per comm, never a copy
    }

    /** The comm id, which the frontend calls the model id. */
    public String id() {
        return id;
    }

    /** Whether the widget's comm is closed (its cell ran again, the kernel restarted, or it was closed). */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the comm: every frontend drops the model and its views. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.sendClose(this);
        parts.forEach(Widget::close);
    }

    void closedByFrontend() {
        closed = true;
    }

    // ---- state -------------------------------------------------------------------------------------

    /** Adds DOMWidget's keys (classes, tooltip, the layout: the first part, opened before this widget). */
    final void domWidget() {
        put("_dom_classes", List.of());
        put("layout", parts.get(0).reference());
        put("tabbable", null);
        put("tooltip", null);
    }

    /** Adds DescriptionWidget's keys, with its style model (the second part). */
    final void described() {
        put("description", "");
        put("description_allow_html", false);
        put("style", parts.get(1).reference());
    }

    /** The style reference alone (a button has a style but no description keys of its own). */
    final void styled() {
        put("style", parts.get(1).reference());
    }

    /** The layout and style models a DOM widget with a description owns. */
    static List<Widget> layoutAnd(Style style) {
        return List.of(new Layout(), style);
    }

    /** The layout model of this widget, to set CSS properties: {@code w.layout().property("width", "50%")}. */
    public Layout layout() {
        if (parts.isEmpty() || !(parts.get(0) instanceof Layout layout)) {
            throw new UnsupportedOperationException(this + " has no layout");
        }
        return layout;
    }

    final synchronized void put(String key, Object value) {
        state.put(key, value);
    }

    final synchronized Object get(String key) {
        return state.get(key);
    }

    /** Sends the model (comm_open); called once by each widget's constructor when its state is complete. */
    final void open() {
        session.open(this);
    }

    final synchronized Map<String, Object> fullState() {
        return new LinkedHashMap<>(state);
    }

    /** Changes keys from the kernel side and tells the frontends. */
    final void set(Map<String, Object> changes) {
        synchronized (this) {
            state.putAll(changes);
        }
        if (!closed) {
            session.sendUpdate(this, changes);
        }
    }

    final void set(String key, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(key, value);
        set(one);
    }

    /** "IPY_MODEL_<id>": how one model's state refers to another. */
    final String reference() {
        return "IPY_MODEL_" + id;
    }

    /**
     * Takes what a frontend sent in an update: only keys a user can change in this widget's view, each
     * checked; returns what was accepted (to echo back), already in the state.
     */
    Map<String, Object> applyFromFrontend(JsonNode update) {
        return Map.of();
    }

    /** Whether accepting these keys changed the widget's value (its readers re-run then). */
    boolean isValueChange(Set<String> keys) {
        return keys.contains("value");
    }

    void changedByFrontend(Set<String> keys) {
    }

    /** A custom message from the view (a button's click); true when it changed what readers see. */
    boolean customMessage(JsonNode content) {
        return false;
    }

    WidgetSession session() {
        return session;
    }

    // ---- common options ----------------------------------------------------------------------------

    /** The label shown beside the control. */
    public Widget description(String text) {
        requireKey("description");
        set("description", text);
        return this;
    }

    /** Greys the control out so the user cannot change it. */
    public Widget disabled(boolean disabled) {
        requireKey("disabled");
        set("disabled", disabled);
        return this;
    }

    private void requireKey(String key) {
        if (get(key) == null && !fullState().containsKey(key)) {
            throw new UnsupportedOperationException(toString() + " has no " + key + " (its model "
                    + get("_model_name") + " does not define one)");
        }
    }

    /** What the frontend receives to show this widget: the model id and the protocol version. */
    public Map<String, Object> viewData() {
        return Map.of("model_id", id, "version_major", 2, "version_minor", 1);
    }

    /** Shown by a frontend without widgets (nbconvert, a console): the model and its value. */
    @Override
    public String toString() {
        String name = String.valueOf(get("_model_name")).replace("Model", "");
        return name + "(" + summary() + ")" + (closed ? " [closed]" : "");
    }

    String summary() {
        Object description = get("description");
        return description == null || description.toString().isEmpty() ? "" : "description=" + description;
    }
}
