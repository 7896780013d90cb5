// Drives the JupyterLab notebook page the way a user does, with playwright-core and the system's
// Chromium (no browser download): open the notebook, Run All, save, edit one cell, run only that cell,
// save, reload the page, edit and run that cell again.
// After each step it waits for DOM conditions (kernel idle, every prompt numbered, no renderer still
// working, images decoded), never for a fixed time, then records what the page shows (a snapshot of
// every cell and output row) and takes a screenshot. BrowserIT asserts on the report.
//
// usage: node drive.js CONFIG.json
//   {url, contentsUrl, token, chromium, screenshots, report, editCell (index among code cells),
//    editSource, reloadEditSource, timeoutMs}
// Report: {steps, console, pageErrors, snapshots: {opened, after-run-all, after-edit, reloaded,
// after-reload-edit}, saved: {after-run-all, after-edit} (the notebook as jupyter_server's contents API
// returns it after each save), error?}
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const report = { steps: [], console: [], pageErrors: [], snapshots: {}, saved: {} };

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
          headings: [...child.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => ({ tag: h.tagName.toLowerCase(), text: text(h).trim() }))
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

async function main() {
  const started = Date.now();
  const browser = await chromium.launch({ executablePath: config.chromium, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 2200 } });
    page.setDefaultTimeout(config.timeoutMs);
    page.on('console', message => {
      if (message.type() === 'error' || message.type() === 'warning') {
        report.console.push(`${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', error => report.pageErrors.push(String(error.stack || error)));

    const step = async (name, action) => {
      const begun = Date.now();
      try {
        await action();
      } catch (error) {
        report.failedStep = name;
        await page.screenshot({ path: path.join(config.screenshots, `failed-${name}.png`) }).catch(() => {});
        report.snapshots[`failed-${name}`] = await page.evaluate(snapshot).catch(() => null);
        throw error;
      }
      const pageError = await page.evaluate(() => document.body.dataset.pageError || null);
      if (pageError) throw new Error(`the page failed during ${name}: ${pageError}`);
      report.steps.push({ name, ms: Date.now() - begun });
    };
    const record = async name => {
      report.snapshots[name] = await page.evaluate(snapshot);
      await page.screenshot({ path: path.join(config.screenshots, `${name}.png`) });
    };
    const codeCell = index => page.locator('.jp-Notebook .jp-CodeCell').nth(index);
    // Save with the toolbar button, wait until the page knows it is saved, then read the file back.
    const save = async name => {
      await step(`save-${name}`, async () => {
        await page.waitForFunction(() => document.body.dataset.dirty === 'true');
        await page.locator('.jp-Toolbar [data-command="reflow:save"]').click();
        await page.waitForFunction(() => document.body.dataset.dirty === 'false');
        const response = await page.request.get(config.contentsUrl, { headers: { Authorization: `token ${config.token}` } });
        if (!response.ok()) throw new Error(`contents API: ${response.status()} ${await response.text()}`);
        report.saved[name] = (await response.json()).content;
      });
    };

    await step('open', async () => {
      await page.goto(config.url);
      await page.waitForFunction(opened);
    });
    await record('opened');

    await step('run-all', async () => {
      await page.locator('.jp-Toolbar [data-command="reflow:run-all"]').click();
      await page.waitForFunction(settled, true);
    });
    await record('after-run-all');
    await save('after-run-all');

    const editAndRun = async source => {
      const cell = codeCell(config.editCell);
      const before = (await cell.locator('.jp-InputArea .jp-InputPrompt').innerText()).trim();
      await cell.locator('.jp-InputArea-editor .cm-content').click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.insertText(source); // as a paste: no auto-closed brackets
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(([index, previous]) => {
        const prompt = document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea .jp-InputPrompt')[index];
        const now = prompt.innerText.trim();
        return /^\[\d+\]:$/.test(now) && now !== previous;
      }, [config.editCell, before]);
      await page.waitForFunction(settled, false);
    };
    await step('edit-and-run-one-cell', () => editAndRun(config.editSource));
    await record('after-edit');
    await save('after-edit');

    // A reload: the page reconnects to the same kernel, and the outputs on screen come from the saved
    // file, so no output area listens for the re-run cells' display ids any more.
    await step('reload', async () => {
      await page.reload();
      await page.waitForFunction(opened);
    });
    await record('reloaded');
    await step('edit-and-run-after-reload', () => editAndRun(config.reloadEditSource));
    await record('after-reload-edit');
    report.totalMs = Date.now() - started;
  } finally {
    await browser.close();
  }
}

main()
  .then(() => {
    fs.writeFileSync(config.report, JSON.stringify(report, null, 1));
  })
  .catch(error => {
    report.error = String(error.stack || error);
    fs.writeFileSync(config.report, JSON.stringify(report, null, 1));
    console.error(report.error);
    process.exit(1);
  });
