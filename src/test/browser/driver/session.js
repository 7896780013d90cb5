// What every browser driver does around its own steps: read the config (argv[2]), launch the system's
// Chromium headless, collect console errors and page errors, and give the driver `step` (times an action;
// on failure a screenshot and a snapshot named after the step), `record` (snapshot + screenshot) and
// `codeCell`. The report is written to config.report whatever happens; a failure exits with 1.
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { CHROMIUM_FLAGS, snapshot } = require('./page-state.js');

function runDriver(viewport, drive) {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const report = { steps: [], console: [], pageErrors: [], snapshots: {} };

  async function main() {
    const started = Date.now();
    const browser = await chromium.launch({ executablePath: config.chromium, headless: true, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage({ viewport });
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

      await drive({ config, report, page, step, record, codeCell });
      report.totalMs = Date.now() - started;
    } finally {
      await browser.close();
    }
  }

  main()
    .then(() => fs.writeFileSync(config.report, JSON.stringify(report, null, 1)))
    .catch(error => {
      report.error = String(error.stack || error);
      fs.writeFileSync(config.report, JSON.stringify(report, null, 1));
      console.error(report.error);
      process.exit(1);
    });
}

module.exports = { runDriver };
