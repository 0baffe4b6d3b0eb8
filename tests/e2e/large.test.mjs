// Issue 17 item 7: a large corpus stays readable. A graph JSON of 5,000 entities (scale-free
// links) opened from file://, in Chromium and Firefox: the first view draws the most important
// entities in full and the rest as faint context, with a note saying so; "show all" is one click,
// kept in the URL, and undone by the same button; the search still reaches the least important
// entity. The demo page (87 entities) has no note. Counts are grouped by thousands (5,000),
// and Reset keeps "show all".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ready, openReady, closeClean, pageUrl } from './browser.mjs';
import { scaleFreeGraph, writeGraph } from './graphs.mjs';
import { withFirefox } from './webdriver.mjs';

const N = 5000;
const { graph, least } = scaleFreeGraph(N, 7);
const file = writeGraph(graph, 'large');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const note = (page) => page.evaluate(() => {
  const n = document.querySelector('[data-testid=lod-note]');
  return { hidden: n.hidden, text: n.querySelector('[data-testid=lod-text]').textContent,
    button: n.querySelector('[data-testid=lod-show-all]').textContent };
});

test('5,000 entities open on the most important ones; show all is one click, in the URL', async () => {
  const { page, errors, requests, context } = await openReady(browser);
  assert.equal((await note(page)).hidden, true, 'no note on the demo page');
  await page.setInputFiles('[data-testid=import]', [file]);
  await page.waitForFunction(() => /Loaded/.test(document.querySelector('[data-testid=status]').textContent));
  await page.waitForFunction(() => !document.querySelector('[data-testid=lod-note]').hidden);
  let n = await note(page);
  const m = n.text.match(/^Showing the (\d+) most important of 5,000 entities; zoom in for more$/);
  assert.ok(m && +m[1] >= 100 && +m[1] < N, n.text);
  assert.equal(n.button, 'Show all');
  assert.equal(await page.isVisible('[data-testid=lod-show-all]'), true);
  // The list counts every entity, and the search reaches the least important one.
  assert.equal(await page.textContent('#entity-count'), String(N));
  await page.fill('[data-testid=search]', least);
  await page.press('[data-testid=search]', 'Enter');
  await page.waitForFunction((l) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === l, least);
  // Show all: one click, said in the note, kept in the link and after a reload.
  await page.click('[data-testid=lod-show-all]');
  await page.waitForFunction(() => location.hash.includes('all=1'));
  n = await note(page);
  assert.deepEqual([n.hidden, n.text, n.button], [false, 'Showing all 5,000 entities', 'Only the most important']);
  // Reset brings the view back and keeps the choice to show all, in the link too.
  assert.ok((await page.evaluate(() => location.hash)).includes('sel='));
  await page.click('[data-testid=reset]');
  await page.waitForFunction(() => !location.hash.includes('sel='));
  assert.ok((await page.evaluate(() => location.hash)).includes('all=1'));
  assert.equal((await note(page)).text, 'Showing all 5,000 entities');
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=lod-text]').textContent === 'Showing all 5,000 entities');
  // In Chinese too; and the same button brings the level of detail back.
  await page.selectOption('[data-testid=lang]', 'zh');
  await page.waitForFunction(() => document.querySelector('[data-testid=lod-text]').textContent === '显示全部 5,000 个实体');
  assert.equal((await note(page)).button, '只显示最重要的');
  await page.click('[data-testid=lod-show-all]');
  await page.waitForFunction(() => !location.hash.includes('all=1'));
  await page.waitForFunction(() => /^显示最重要的 \d+ 个实体（共 5,000 个），放大可看到更多$/.test(document.querySelector('[data-testid=lod-text]').textContent));
  await closeClean(context, errors, requests);
});

test('Firefox: the level of detail note and show all', () => withFirefox(async (ff) => {
  await ff.openReady(pageUrl + '#');
  assert.equal(await ff.eval('return document.querySelector("[data-testid=lod-note]").hidden'), true);
  await ff.importFile(file);
  const text = await ff.waitFor('const n = document.querySelector("[data-testid=lod-note]"); return !n.hidden && n.textContent || null', 'the note', 60000);
  assert.match(text, /^Showing the \d+ most important of 5,000 entities; zoom in for moreShow all$/);
  await ff.click(await ff.find('[data-testid=lod-show-all]'));
  await ff.waitFor('return location.hash.includes("all=1")', 'all=1 in the hash');
  await ff.waitFor('return document.querySelector("[data-testid=lod-text]").textContent === "Showing all 5,000 entities"', 'show all said');
}));

// Issue 17 item 7, "aggregated per community until zoomed in": zoomed out, the entities drawn
// as context are gathered into one disc per community, labelled by its most important member;
// a click on a disc zooms in to its members.
const aggregates = 'return window.guanxi.aggregates()';
// The camera has stopped (the scale has not changed for a second).
const settled = 'const s = window.guanxi.aggregates().scale, now = performance.now(); ' +
  'if (s !== window.__scale) { window.__scale = s; window.__since = now; } return now - window.__since > 1000 || null';

test('communities drawn as context are one disc each; clicking one zooms in to it', async () => {
  const { page, errors, requests, context } = await openReady(browser);
  await page.setInputFiles('[data-testid=import]', [file]);
  await page.waitForFunction(() => !document.querySelector('[data-testid=lod-note]').hidden);
  await page.waitForFunction(() => window.guanxi.aggregates().list.length > 1);
  await page.waitForFunction(new Function(settled), null, { polling: 300 });
  const before = await page.evaluate(() => window.guanxi.aggregates());
  const canvas = await page.$('[data-testid=graph-canvas]');
  const box = await canvas.boundingBox();
  const on = before.list.filter((a) => a.click && a.click.x > 0 && a.click.y > 0 && a.click.x < box.width && a.click.y < box.height);
  const biggest = on.reduce((b, a) => (a.count > b.count ? a : b));
  assert.ok(biggest.count >= 3 && biggest.r > 4 && biggest.label.startsWith('实体'), JSON.stringify(biggest));
  await page.mouse.click(box.x + biggest.click.x, box.y + biggest.click.y);
  await page.waitForFunction((s) => window.guanxi.aggregates().scale > 1.5 * s, before.scale);
  // Nothing was selected by the click.
  assert.ok(!(await page.evaluate(() => location.hash)).includes('sel='));
  // Show all: no discs.
  await page.click('[data-testid=lod-show-all]');
  await page.waitForFunction(() => window.guanxi.aggregates().list.length === 0);
  await closeClean(context, errors, requests);
});

test('Firefox: communities as discs, and a click on one zooms in', () => withFirefox(async (ff) => {
  await ff.openReady(pageUrl + '#');
  await ff.importFile(file);
  await ff.waitFor('return window.guanxi.aggregates().list.length > 1 || null', 'the discs', 60000);
  await ff.waitFor(settled, 'the camera at rest', 60000);
  const before = await ff.eval(aggregates);
  const size = await ff.eval('const r = document.querySelector("[data-testid=graph-canvas]").getBoundingClientRect(); return [r.width, r.height]');
  const on = before.list.filter((a) => a.click && a.click.x > 0 && a.click.y > 0 && a.click.x < size[0] && a.click.y < size[1]);
  const biggest = on.reduce((b, a) => (a.count > b.count ? a : b));
  await ff.clickAt(await ff.find('[data-testid=graph-canvas]'), biggest.click.x, biggest.click.y, size[0], size[1]);
  await ff.waitFor(`return window.guanxi.aggregates().scale > 1.5 * ${before.scale} || null`, 'zoomed in');
}));
