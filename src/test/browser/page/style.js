// JupyterLab's light theme and the styles of the widgets on the page, as JupyterLab loads them.
import '@jupyterlab/application/style/index.css';
import '@jupyterlab/codemirror/style/index.css';
import '@jupyterlab/notebook/style/index.css';
import '@jupyterlab/theme-light-extension/style/theme.css';
import './page.css';
