// Jupyter widgets on the page, as JupyterLab's widget extension (@jupyter-widgets/jupyterlab-manager)
// sets them up for a notebook: a WidgetManager bound to the notebook's context and rendermime, the base,
// controls and output modules registered with it, and the widget-view renderer. The renderer factory is
// added before the notebook opens (its outputs may already hold widget views); each renderer gets the
// manager once it exists, as the extension's placeholder renderers do.
import * as base from '@jupyter-widgets/base';
import * as controls from '@jupyter-widgets/controls';
import { JUPYTER_CONTROLS_VERSION } from '@jupyter-widgets/controls/lib/version';
import { WidgetManager, WidgetRenderer } from '@jupyter-widgets/jupyterlab-manager';
import { OutputModel, OutputView, OUTPUT_WIDGET_VERSION } from '@jupyter-widgets/jupyterlab-manager/lib/output';
import { WIDGET_VIEW_MIMETYPE } from '@jupyter-widgets/jupyterlab-manager/lib/manager';
import '@jupyter-widgets/base/css/index.css';
import '@jupyter-widgets/controls/css/widgets-base.css';

let resolveManager;
const managerReady = new Promise(resolve => { resolveManager = resolve; });

export const widgetRendererFactory = {
  safe: false,
  mimeTypes: [WIDGET_VIEW_MIMETYPE],
  defaultRank: -10,
  createRenderer: options => {
    const renderer = new WidgetRenderer(options);
    managerReady.then(manager => { renderer.manager = manager; });
    return renderer;
  }
};

export function attachWidgetManager(panel) {
  const manager = new WidgetManager(panel.context, panel.content.rendermime, { saveState: false });
  manager.register({
    name: '@jupyter-widgets/base',
    version: base.JUPYTER_WIDGETS_VERSION,
    exports: {
      WidgetModel: base.WidgetModel, WidgetView: base.WidgetView, DOMWidgetView: base.DOMWidgetView,
      DOMWidgetModel: base.DOMWidgetModel, LayoutModel: base.LayoutModel, LayoutView: base.LayoutView,
      StyleModel: base.StyleModel, StyleView: base.StyleView, ErrorWidgetView: base.ErrorWidgetView
    }
  });
  manager.register({ name: '@jupyter-widgets/controls', version: JUPYTER_CONTROLS_VERSION, exports: controls });
  manager.register({ name: '@jupyter-widgets/output', version: OUTPUT_WIDGET_VERSION, exports: { OutputModel, OutputView } });
  // What the widget manager could not place (output of a comm message) goes to the console, where the
  // driver records it, instead of JupyterLab's log console.
  manager.onUnhandledIOPubMessage.connect((_, msg) => console.warn('widget iopub: ' + JSON.stringify(msg.content)));
  resolveManager(manager);
  window.reflowWidgetManager = manager;
  return manager;
}
