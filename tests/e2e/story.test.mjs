// End-to-end: issue 17's timeline (items 4) and story steps (item 5), driven as a user would
// (dist/guanxi.html from file://, headless Chromium): dated articles imported as JSON Lines,
// the slider and Play; steps added, edited, moved, deleted and stepped through with buttons
// and a clicker's keys; the story saved as HTML and opened in a fresh profile on step 1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { drawn, launch, open, ready, openReady, closeClean } from './browser.mjs';

let browser;
const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-story-'));
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ARTICLES = [
  { title: '一月', date: '2024-01-05', text: '湖南省长沙市岳麓区教育局局长刘建华出席活动。' },
  { title: '二月', date: '2024-02-10', text: '河南省郑州市商务局局长李强致辞。' },
  { title: '三月', date: '2024-03-15T09:00:00+08:00', text: '江苏省南京市玄武区举办活动。' },
  { title: '无日期', text: '湖北省宜昌市夷陵区开展活动。' },
];

async function status(page) { return page.textContent('[data-testid=status]'); }
async function waitStatus(page, re) {
  await page.waitForFunction((s) => new RegExp(s).test(document.querySelector('[data-testid=status]').textContent), re.source);
}
async function rowNames(page) { return page.$$eval('[data-testid=entity-row]', (r) => r.map((x) => x.children[0].textContent)); }
async function slide(page, value) {
  await page.$eval('[data-testid=timeline]', (el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); }, value);
}

test('timeline: hidden without dates; the graph as of a date, in the URL; Play steps through', async () => {
  const { page, errors, requests, context } = await openReady(browser);
  assert.equal(await page.isHidden('[data-testid=timeline]'), true, 'the demo page has no dates');
  const p = path.join(dir, 'dated.jsonl');
  writeFileSync(p, ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  await page.setInputFiles('[data-testid=import]', [p]);
  await waitStatus(page, /Loaded 1/);
  await page.waitForSelector('[data-testid=timeline]', { state: 'visible' });
  assert.equal(await page.getAttribute('[data-testid=timeline]', 'type'), 'range');
  assert.equal(await page.$eval('[data-testid=timeline]', (e) => e.max), '2');
  assert.equal(await page.inputValue('[data-testid=timeline]'), '2');
  assert.equal(await page.textContent('[data-testid=timeline-date]'), 'all dates (2024-01-05 – 2024-03-15)');
  const all = await rowNames(page);
  for (const n of ['长沙市', '郑州市', '南京市', '宜昌市']) assert.ok(all.includes(n), `${n} in ${all}`);
  // As of the first date: January's entities and the undated article's, not later ones.
  await slide(page, 0);
  await page.waitForFunction(() => /date=2024-01-05/.test(location.hash));
  assert.equal(await page.textContent('[data-testid=timeline-date]'), 'as of 2024-01-05');
  let names = await rowNames(page);
  assert.ok(names.includes('长沙市') && names.includes('宜昌市'), `${names}`);
  assert.ok(!names.includes('郑州市') && !names.includes('南京市'), `${names}`);
  // The date is in the hash: a reload keeps it.
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue('[data-testid=timeline]'), '0');
  assert.ok(!(await rowNames(page)).includes('郑州市'));
  // Play: on from the first date, a stop every 1.2 s, ending on every date.
  await page.click('[data-testid=timeline-play]');
  assert.equal(await page.textContent('[data-testid=timeline-play]'), 'Pause');
  await page.waitForFunction(() => /date=2024-02-10/.test(location.hash), null, { timeout: 5000 });
  names = await rowNames(page);
  assert.ok(names.includes('郑州市') && !names.includes('南京市'), `${names}`);
  await page.waitForFunction(() => !/date=/.test(location.hash), null, { timeout: 5000 });
  assert.equal(await page.textContent('[data-testid=timeline-play]'), 'Play');
  assert.ok((await rowNames(page)).includes('南京市'));
  assert.equal(await page.inputValue('[data-testid=timeline]'), '2');
  await closeClean(context, errors, requests);
});

async function addStep(page, caption) {
  const n = await page.$$eval('[data-testid=story-step]', (r) => r.length);
  await page.fill('[data-testid=story-caption]', caption);
  await page.click('[data-testid=story-add]');
  await page.waitForFunction((k) => document.querySelectorAll('[data-testid=story-step]').length === k, n + 1);
}
async function captions(page) { return page.$$eval('[data-testid=story-step] input', (r) => r.map((i) => i.value)); }
async function detail(page) { return page.textContent('[data-testid=detail-panel] h2').catch(() => null); }
async function position(page) { return page.textContent('#story-position'); }

test('story steps: add, edit, reorder, delete; buttons and clicker keys; caption large when presenting; saved as HTML it opens on step 1', async () => {
  const { context, page, errors } = await openReady(browser, '', { acceptDownloads: true });
  assert.equal(await page.isDisabled('[data-testid=story-next]'), true, 'no steps yet');
  // Step 1: 清水县 selected.
  await page.fill('[data-testid=search]', '清水县');
  await page.press('[data-testid=search]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=detail-panel] h2')?.textContent === '清水县');
  await addStep(page, '第一步：清水县');
  assert.match(await page.evaluate(() => location.hash), /story=.*&step=1/);
  // Step 2: coloured by community, zoomed in.
  await page.selectOption('[data-testid=colour-by]', 'community');
  const box = await page.locator('[data-testid=graph-canvas]').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await drawn(page);
  const [top] = await page.$$eval('[data-testid=entity-row]', (r) => r.map((x) => x.dataset.entityId));
  const at2 = await page.evaluate((id) => window.guanxi.screenPosition(id), top);
  await addStep(page, 'Two');
  await addStep(page, 'Three');
  // Edit the third caption, move it up, delete the last row.
  await page.fill('[data-testid=story-step] >> nth=2 >> input', '第三步');
  await page.press('[data-testid=story-step] >> nth=2 >> input', 'Tab');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=story-step] input')].some((i) => i.value === '第三步'));
  await page.click('[data-testid=story-step] >> nth=2 >> [data-testid=story-up]');
  assert.deepEqual(await captions(page), ['第一步：清水县', '第三步', 'Two']);
  await page.click('[data-testid=story-step] >> nth=2 >> [data-testid=story-delete]');
  assert.deepEqual(await captions(page), ['第一步：清水县', '第三步']);
  assert.equal(await position(page), 'Step 2 of 2');
  // Previous: step 1's view comes back (selection, colours).
  await page.click('[data-testid=story-prev]');
  await waitStatus(page, /Step 1 of 2: 第一步：清水县/);
  assert.equal(await detail(page), '清水县');
  assert.equal(await page.inputValue('[data-testid=colour-by]'), 'kind');
  assert.equal(await page.isDisabled('[data-testid=story-prev]'), true);
  // The clicker's keys, from the graph: PageDown, ←, Space; PageUp even from a text field.
  await page.focus('[data-testid=graph-canvas]');
  await page.keyboard.press('PageDown');
  await waitStatus(page, /Step 2 of 2: 第三步/);
  assert.equal(await page.inputValue('[data-testid=colour-by]'), 'community');
  // The camera glides back to where step 2 was taken.
  await page.waitForFunction(([id, at]) => {
    const p = window.guanxi.screenPosition(id);
    return Math.abs(p.x - at.x) < 3 && Math.abs(p.y - at.y) < 3;
  }, [top, at2]);
  await page.keyboard.press('ArrowLeft');
  await waitStatus(page, /Step 1 of 2/);
  await page.keyboard.press(' ');
  await waitStatus(page, /Step 2 of 2/);
  await page.focus('[data-testid=story-caption]');
  await page.keyboard.press('PageUp');
  await waitStatus(page, /Step 1 of 2/);
  // Presentation mode shows the caption large.
  await page.focus('[data-testid=graph-canvas]');
  await page.keyboard.press('p');
  await page.waitForSelector('[data-testid=story-overlay]', { state: 'visible' });
  assert.equal(await page.textContent('[data-testid=story-overlay]'), '第一步：清水县');
  const size = await page.$eval('[data-testid=story-overlay]', (e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 32, `caption at ${size}px`);
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => document.querySelector('[data-testid=story-overlay]').textContent === '第三步');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=story-overlay]', { state: 'hidden' });
  // Save as HTML, open it in a fresh profile: step 1, its view, and the story to step through.
  await page.click('#export-menu summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-html]')]);
  const saved = path.join(dir, 'story.html');
  await download.saveAs(saved);
  await closeClean(context, errors);
  const fresh = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const p2 = await fresh.newPage();
  const errors2 = [];
  p2.on('pageerror', (e) => errors2.push(String(e)));
  await p2.goto(pathToFileURL(saved).href);
  await ready(p2);
  assert.equal(await p2.evaluate(() => localStorage.length), 0, 'a fresh profile: nothing saved before');
  assert.deepEqual(await captions(p2), ['第一步：清水县', '第三步']);
  assert.equal(await position(p2), 'Step 1 of 2');
  assert.equal(await detail(p2), '清水县');
  assert.match(await p2.evaluate(() => location.hash), /step=1/);
  await p2.focus('[data-testid=graph-canvas]');
  await p2.keyboard.press('PageDown');
  await waitStatus(p2, /Step 2 of 2: 第三步/);
  assert.deepEqual(errors2, []);
  await fresh.close();
});

test('a broken story in a link is reported and the view still opens', async () => {
  const { page, errors, context } = await openReady(browser, '#colour=community&story=1,2!oops');
  assert.match(await status(page), /story could not be read \(step 1/);
  assert.equal(await page.getAttribute('[data-testid=status]', 'class'), 'error');
  assert.equal(await page.inputValue('[data-testid=colour-by]'), 'community');
  assert.equal(await page.$$eval('[data-testid=story-step]', (r) => r.length), 0);
  await closeClean(context, errors);
});
