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
const { runDriver } = require('./session.js');
const { opened, settled } = require('./page-state.js');

runDriver({ width: 1200, height: 2200 }, async ({ config, report, page, step, record, codeCell }) => {
  report.saved = {};
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
});
