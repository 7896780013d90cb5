// What the drivers read from the JupyterLab page, shared by drive.js (BrowserIT) and widgets.js
// (WidgetBrowserIT): Chromium's flags, a snapshot of every cell and output row, and the DOM conditions
// they wait for instead of sleeping. The functions run inside the page (page.evaluate / waitForFunction).
// Flags for a closed network and a root user (see the machine notes): no background connections.
const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'
];

// What the page shows, cell by cell; runs in the page.
function snapshot() {
  const text = element => (element ? element.innerText.replace(/\u00a0/g, ' ') : null);
  return [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map((cell, index) => {
    const type = cell.classList.contains('jp-CodeCell') ? 'code'
      : cell.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw';
    const rendered = cell.querySelector('.jp-MarkdownOutput');
    return {
      index,
      type,
      source: text(cell.querySelector('.jp-InputArea-editor .cm-content')),
      prompt: text(cell.querySelector('.jp-InputArea .jp-InputPrompt'))?.trim() ?? null,
      renderedMarkdown: type === 'markdown' && rendered ? rendered.innerHTML : null,
      outputs: [...cell.querySelectorAll('.jp-OutputArea-child')].map(child => {
        const output = child.querySelector('.jp-OutputArea-output');
        const box = child.getBoundingClientRect();
        const mimeElement = output && (output.dataset.mimeType ? output : output.querySelector('[data-mime-type]'));
        return {
          childClasses: [...child.classList],
          prompt: text(child.querySelector('.jp-OutputArea-prompt'))?.trim() ?? null,
          outputClasses: output ? [...output.classList] : [],
          mimeType: mimeElement ? mimeElement.dataset.mimeType : null,
          text: text(output),
          html: output ? output.innerHTML.slice(0, 4000) : null,
          height: Math.round(box.height),
          images: [...child.querySelectorAll('img')].map(img => ({
            complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
            shownWidth: Math.round(img.getBoundingClientRect().width),
            src: img.src.slice(0, 30)
          })),
          tables: [...child.querySelectorAll('table')].map(table => ({
            headers: [...table.querySelectorAll('th')].map(th => text(th).trim()),
            // Data rows only: a header row of <th> may sit in <thead> or in the body.
            rows: [...table.querySelectorAll('tr')].filter(tr => tr.querySelector('td'))
              .map(tr => [...tr.querySelectorAll('td')].map(td => text(td).trim()))
          })),
          headings: [...child.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => ({ tag: h.tagName.toLowerCase(), text: text(h).trim() })),
          // Jupyter widgets rendered in the row: their classes, and what a slider's readout shows.
          widgets: [...child.querySelectorAll('.jupyter-widgets.widget-inline-hbox, .jupyter-widgets.widget-box, .jupyter-widgets.widget-button')]
            .map(w => ({ classes: [...w.classList], readout: text(w.querySelector('.widget-readout'))?.trim() ?? null,
              description: text(w.querySelector('.widget-label'))?.trim() ?? null }))
        };
      })
    };
  });
}

// True once the notebook is on the page, its kernel idle and every output rendered.
function opened() {
  const body = document.body;
  return Boolean(body.dataset.pageError || (document.querySelector('.jp-Notebook .jp-Cell')
    && body.dataset.kernelStatus === 'idle' && body.dataset.pendingRenders === '0'));
}

// True once everything the kernel sent is on screen: kernel idle, no cell queued or running,
// every renderer finished, every image decoded.
function settled(requireAllNumbered) {
  const body = document.body;
  if (body.dataset.pageError) return true; // reported by the caller
  if (body.dataset.kernelStatus !== 'idle' || body.dataset.pendingRenders !== '0') return false;
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea .jp-InputPrompt')].map(p => p.innerText.trim());
  if (prompts.some(p => p.includes('*'))) return false;
  if (requireAllNumbered && !prompts.every(p => /^\[\d+\]:$/.test(p))) return false;
  return [...document.querySelectorAll('.jp-OutputArea img')].every(img => img.complete);
}


module.exports = { CHROMIUM_FLAGS, snapshot, opened, settled };
