// Issue 17, performance: on a large graph (6,000 entities, over the 2,000 from which the core
// computes importance and communities over frames), choosing "colour by community" in the very
// task that shows the graph does not compute the communities there: the legend first says they
// are being found (community-pending), then shows its rows once the frames have computed them.
// Chromium and Firefox, from file://. (Before: Louvain ran in that task, the rows at once.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openReady, closeClean, pageUrl } from './browser.mjs';
import { scaleFreeGraph, writeGraph } from './graphs.mjs';
import { withFirefox } from './webdriver.mjs';

const file = writeGraph(scaleFreeGraph(6000, 11).graph, 'analysis-large');

// Installed before the import: in the task that says the graph is loaded (a mutation of the
// status line, before any frame), colour by community and record what the legend shows then.
const atLoad = `window.__atLoad = null;
  new MutationObserver((_, obs) => {
    if (!/^Loaded/.test(document.querySelector('[data-testid=status]').textContent)) return;
    obs.disconnect();
    const select = document.querySelector('[data-testid=colour-by]');
    select.value = 'community';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    window.__atLoad = { pending: !!document.querySelector('[data-testid=community-pending]'),
      rows: document.querySelectorAll('[data-testid=community-row]').length,
      legendShown: !document.querySelector('[data-testid=community-legend]').hidden,
      text: document.querySelector('[data-testid=community-legend]').textContent };
  }).observe(document.querySelector('[data-testid=status]'), { subtree: true, childList: true, characterData: true });`;
const legendDone = `const rows = document.querySelectorAll('[data-testid=community-row]').length;
  return rows > 0 && !document.querySelector('[data-testid=community-pending]') ? rows : null;`;

test('colour by community on a large graph: the legend says it is computing, then shows the communities', async () => {
  const { page, errors, requests, context } = await openReady(browser);
  await page.evaluate(atLoad);
  await page.setInputFiles('[data-testid=import]', [file]);
  await page.waitForFunction(() => window.__atLoad);
  const at = await page.evaluate(() => window.__atLoad);
  assert.deepEqual(at, { pending: true, rows: 0, legendShown: true, text: 'Finding communities…' });
  const rows = await (await page.waitForFunction(new Function(legendDone))).jsonValue();
  assert.ok(rows > 1, `${rows}`);
  assert.match(await page.evaluate(() => location.hash), /colour=community/);
  await closeClean(context, errors, requests);
});

test('Firefox: colour by community on a large graph, pending then the legend', () => withFirefox(async (ff) => {
  await ff.openReady(pageUrl + '#');
  await ff.eval(atLoad);
  await ff.importFile(file);
  const at = await ff.waitFor('return window.__atLoad', 'the load', 60000);
  assert.deepEqual(at, { pending: true, rows: 0, legendShown: true, text: 'Finding communities…' });
  const rows = await ff.waitFor(legendDone, 'the legend rows', 60000);
  assert.ok(rows > 1, `${rows}`);
}));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
