// Drives widgets in the JupyterLab notebook page as a user does: open widgets-ui.ipynb, Run All, then
// move the slider with the keyboard (focus its handle, press the arrow key), then drag its handle to the
// end of the track with the mouse, then pick another option in the dropdown, then save and reload the page. After each step it waits for
// the cell that reads the widget to show the expected text and for the page to settle (DOM conditions,
// never a fixed time), records every cell and output row and takes a screenshot. WidgetBrowserIT asserts
// on the report.
//
// usage: node widgets.js CONFIG.json
//   {url, chromium, screenshots, report, timeoutMs, sliderCell, readerCell, dropdownCell,
//    dropdownReaderCell (indices among code cells), arrowPresses, afterArrow, afterDrag, dropdownOption,
//    afterDropdown}
const { runDriver } = require('./session.js');
const { opened, settled } = require('./page-state.js');

// True once code cell `index` shows `expected` in its outputs; runs in the page.
function cellShows([index, expected]) {
  const cell = document.querySelectorAll('.jp-Notebook .jp-CodeCell')[index];
  return Boolean(cell && [...cell.querySelectorAll('.jp-OutputArea-output')].some(o => o.innerText.includes(expected)));
}

runDriver({ width: 1000, height: 1100 }, async ({ config, report, page, step, record, codeCell }) => {
  const waitFor = async (cell, text) => {
    await page.waitForFunction(cellShows, [cell, text]);
    await page.waitForFunction(settled, false);
  };

  await step('open', async () => {
    await page.goto(config.url);
    await page.waitForFunction(opened);
  });
  await step('run-all', async () => {
    await page.locator('.jp-Toolbar [data-command="reflow:run-all"]').click();
    await page.waitForFunction(settled, true);
    // The slider is on the page once the widget manager has its model and made the view.
    await codeCell(config.sliderCell).locator('.widget-slider .noUi-handle').waitFor();
  });
  await record('after-run-all');

  const handle = codeCell(config.sliderCell).locator('.widget-slider .noUi-handle').first();
  await step('arrow-keys', async () => {
    await handle.focus();
    for (let i = 0; i < config.arrowPresses; i++) {
      await page.keyboard.press('ArrowRight');
    }
    await waitFor(config.readerCell, config.afterArrow);
  });
  await record('after-arrow-keys');

  await step('drag', async () => {
    const box = await handle.boundingBox();
    const track = await codeCell(config.sliderCell).locator('.widget-slider .noUi-base').first().boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // Many small moves, as a hand makes them: every one is a value the kernel may coalesce away.
    await page.mouse.move(track.x + track.width + 20, box.y + box.height / 2, { steps: 25 });
    await page.mouse.up();
    await waitFor(config.readerCell, config.afterDrag);
  });
  await record('after-drag');

  await step('dropdown', async () => {
    await codeCell(config.dropdownCell).locator('select').selectOption({ label: config.dropdownOption });
    await waitFor(config.dropdownReaderCell, config.afterDropdown);
  });
  await record('after-dropdown');

  // Save, reload: the page shows the saved outputs, whose widget views find their models again through
  // the kernel (the widget manager's control comm asks for every model's state).
  await step('save-and-reload', async () => {
    await page.waitForFunction(() => document.body.dataset.dirty === 'true');
    await page.locator('.jp-Toolbar [data-command="reflow:save"]').click();
    await page.waitForFunction(() => document.body.dataset.dirty === 'false');
    await page.reload();
    await page.waitForFunction(opened);
    await codeCell(config.sliderCell).locator('.widget-slider .noUi-handle').waitFor();
    await page.waitForFunction(settled, false);
  });
  await record('reloaded');
});
