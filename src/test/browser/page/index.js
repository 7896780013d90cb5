// The JupyterLab 4 notebook UI as a page of its own, assembled from JupyterLab's npm packages the way
// JupyterLab's examples/notebook does it: a NotebookPanel opened by a DocumentManager over a real
// jupyter_server (contents, sessions, kernels), CodeMirror cells, the standard renderers plus
// JupyterLab's marked-based markdown parser, and Jupyter widgets (page/widgets.js). BrowserIT drives it with playwright-core.
//
// What the test needs beyond that is exposed as attributes on <body>, so the driver can wait for DOM
// conditions instead of sleeping: data-kernel-status (the session's kernel status), data-dirty
// (whether the notebook has unsaved changes) and data-pending-renders (outputs whose renderer has not
// finished: markdown, for one, renders asynchronously after its message arrived).
import './style.js';

import { PageConfig } from '@jupyterlab/coreutils';
import {
  CodeMirrorEditorFactory,
  CodeMirrorMimeTypeService,
  EditorExtensionRegistry,
  EditorLanguageRegistry,
  EditorThemeRegistry,
  ybinding
} from '@jupyterlab/codemirror';
import { DocumentManager } from '@jupyterlab/docmanager';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { createMarkdownParser } from '@jupyterlab/markedparser-extension';
import {
  NotebookActions,
  NotebookModelFactory,
  NotebookPanel,
  NotebookWidgetFactory,
  StaticNotebook
} from '@jupyterlab/notebook';
import { RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import { ServiceManager } from '@jupyterlab/services';
import { CommandToolbarButton, runIcon, fastForwardIcon, saveIcon } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';
import { attachWidgetManager, widgetRendererFactory } from './widgets.js';

function languageRegistry() {
  const languages = new EditorLanguageRegistry();
  // Java for the cells, Markdown for markdown cells; the others would only be extra chunks to load.
  EditorLanguageRegistry.getDefaultLanguages()
    .filter(language => ['java', 'markdown'].includes(language.name.toLowerCase()))
    .forEach(language => languages.addLanguage(language));
  return languages;
}

function editorExtensions() {
  const themes = new EditorThemeRegistry();
  EditorThemeRegistry.getDefaultThemes().forEach(theme => themes.addTheme(theme));
  const registry = new EditorExtensionRegistry();
  EditorExtensionRegistry.getDefaultExtensions({ themes }).forEach(factory => registry.addExtension(factory));
  // Typing in a cell editor must change the cell's shared model (what gets executed and saved).
  registry.addExtension({
    name: 'shared-model-binding',
    factory: options =>
      EditorExtensionRegistry.createImmutableExtension(
        ybinding({
          ytext: options.model.sharedModel.ysource,
          undoManager: options.model.sharedModel.undoManager ?? undefined
        })
      )
  });
  return registry;
}

// Counts renderers still working, so "everything the kernel sent is on screen" is a DOM condition.
function trackRenders(factories) {
  let pending = 0;
  const show = () => { document.body.dataset.pendingRenders = String(pending); };
  show();
  return factories.map(factory => ({
    ...factory,
    createRenderer: options => {
      const renderer = factory.createRenderer(options);
      const render = renderer.renderModel.bind(renderer);
      renderer.renderModel = model => {
        pending++;
        show();
        return Promise.resolve(render(model)).finally(() => { pending--; show(); });
      };
      return renderer;
    }
  }));
}

function addCommands(commands, panel) {
  const notebook = panel.content;
  const session = panel.sessionContext;
  commands.addCommand('reflow:run-cell', {
    label: 'Run', caption: 'Run the selected cell', icon: runIcon,
    execute: () => NotebookActions.run(notebook, session)
  });
  commands.addCommand('reflow:run-and-advance', {
    label: 'Run and advance',
    execute: () => NotebookActions.runAndAdvance(notebook, session)
  });
  commands.addCommand('reflow:run-all', {
    label: 'Run all', caption: 'Run all cells', icon: fastForwardIcon,
    execute: () => NotebookActions.runAll(notebook, session)
  });
  commands.addCommand('reflow:save', {
    label: 'Save', caption: 'Save the notebook', icon: saveIcon,
    execute: () => panel.context.save()
  });
  commands.addCommand('reflow:command-mode', { execute: () => { notebook.mode = 'command'; } });
  commands.addCommand('reflow:edit-mode', { execute: () => { notebook.mode = 'edit'; } });
  // JupyterLab's own default key bindings for these commands.
  [
    { selector: '.jp-Notebook', keys: ['Ctrl Enter'], command: 'reflow:run-cell' },
    { selector: '.jp-Notebook', keys: ['Shift Enter'], command: 'reflow:run-and-advance' },
    { selector: '.jp-Notebook', keys: ['Accel S'], command: 'reflow:save' },
    { selector: '.jp-Notebook.jp-mod-editMode', keys: ['Escape'], command: 'reflow:command-mode' },
    { selector: '.jp-Notebook.jp-mod-commandMode :focus', keys: ['Enter'], command: 'reflow:edit-mode' }
  ].forEach(binding => commands.addKeyBinding(binding));
}

function reportState(panel) {
  const body = document.body;
  const session = panel.sessionContext;
  const showStatus = () => { body.dataset.kernelStatus = session.kernelDisplayStatus; };
  session.statusChanged.connect(showStatus);
  session.connectionStatusChanged.connect(showStatus);
  session.kernelChanged.connect(showStatus);
  showStatus();
  const showDirty = () => { body.dataset.dirty = String(panel.context.model.dirty); };
  panel.context.model.stateChanged.connect(showDirty);
  panel.context.ready.then(showDirty);
}

async function main() {
  const manager = new ServiceManager();
  await manager.ready;

  const languages = languageRegistry();
  const rendermime = new RenderMimeRegistry({
    initialFactories: trackRenders([...standardRendererFactories, widgetRendererFactory]),
    markdownParser: createMarkdownParser(languages)
  });
  const editorFactory = new CodeMirrorEditorFactory({ extensions: editorExtensions(), languages });

  const commands = new CommandRegistry();
  document.addEventListener('keydown', event => commands.processKeydownEvent(event), true);

  const registry = new DocumentRegistry();
  registry.addModelFactory(new NotebookModelFactory({}));
  registry.addWidgetFactory(new NotebookWidgetFactory({
    name: 'Notebook',
    modelName: 'notebook',
    fileTypes: ['notebook'],
    defaultFor: ['notebook'],
    preferKernel: true,
    canStartKernel: true,
    rendermime,
    contentFactory: new NotebookPanel.ContentFactory({ editorFactory: editorFactory.newInlineEditor }),
    mimeTypeService: new CodeMirrorMimeTypeService(languages),
    // Every cell rendered, as in a short notebook in JupyterLab, so the driver sees all outputs.
    notebookConfig: { ...StaticNotebook.defaultNotebookConfig, windowingMode: 'none' },
    toolbarFactory: () => ['reflow:save', 'reflow:run-cell', 'reflow:run-all'].map(id => ({
      name: id,
      widget: new CommandToolbarButton({ commands, id })
    }))
  }));
  const documents = new DocumentManager({
    registry,
    manager,
    opener: { open: () => {}, get opened() { return { connect: () => false, disconnect: () => false }; } }
  });

  const panel = documents.open(PageConfig.getOption('notebookPath'));
  panel.id = 'main';
  panel.addClass('jp-ThemedContainer');
  attachWidgetManager(panel);
  addCommands(commands, panel);
  reportState(panel);
  Widget.attach(panel, document.body);
  window.addEventListener('resize', () => panel.update());
}

window.addEventListener('load', () => {
  main().catch(error => {
    document.body.dataset.pageError = String(error && error.stack || error);
    console.error(error);
  });
});
