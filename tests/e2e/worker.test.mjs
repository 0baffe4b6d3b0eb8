// Large imports in a Web Worker started from the single file (a `blob:` URL under file://), in
// Chromium and Firefox: where the import ran (`window.guanxi.importRan()`), progress, Cancel,
// the main thread free while the worker extracts, and the fallback when no worker can start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, open, openReady, closeClean, pageUrl } from './browser.mjs';
import { startFirefox } from './webdriver.mjs';

let browser;
const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-worker-'));
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// ~330 KB of JSON Lines: 120 different articles (over the worker's threshold, under a second
// of extraction), each naming a director of its own, so the entity table has more rows than
// the page makes at once (100).
const SENTENCES = ['本报讯（王芳）近日，河南省郑州市金水区举办“书香社区”读书月活动，区教育局局长李强出席并讲话。',
  '湖南省长沙市岳麓区教育局在望月湖社区举办读书活动，岳麓区教育局局长刘建华出席。',
  '湖北省宜昌市夷陵区人民政府与宜昌市商务局签订合作协议，副区长陈立参加签约仪式。'];
const SURNAMES = '王李张刘陈杨赵黄周吴';
const GIVEN = ['建国', '志强', '海燕', '晓东', '立新', '文华', '国庆', '春明', '玉兰', '德胜', '秀英', '永刚'];
function corpus(n = 120) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const director = `县文化局局长${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 12]}出席。`;
    const text = Array.from({ length: 12 }, (_, j) => SENTENCES[(i + j) % 3]).join('') + director + `（第${i}篇完）`;
    lines.push(JSON.stringify({ title: `第${i}篇`, text }));
  }
  return lines.join('\n') + '\n';
}
const CORPUS = corpus();
const big = path.join(dir, 'large.jsonl');
writeFileSync(big, CORPUS);

const status = (page) => page.textContent('[data-testid=status]');
const rowNames = (page) => page.$$eval('[data-testid=entity-row]', (r) => r.map((x) => x.children[0].textContent));
const extracted = (page, n) => page.waitForFunction((n) => document.querySelector('[data-testid=status]').textContent.includes(`Extracted ${n} articles`), n, { timeout: 120000 });

// Long tasks and progress text changes, with their times, from before the page's code runs.
const OBSERVE = `window.__long = []; window.__progress = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => { const t = document.getElementById('import-progress-text'); const box = document.getElementById('import-progress-box');
    if (t && box && !box.hidden) window.__progress.push([performance.now(), t.textContent]); })
    .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });`;

test('a large import runs in the worker with progress; the main thread stays free meanwhile', async () => {
  const { page, errors, requests, context } = await openReady(browser, '', { init: OBSERVE });
  await page.setInputFiles('[data-testid=import]', [big]);
  await page.waitForSelector('#import-progress-box:not([hidden])');
  assert.equal(await page.evaluate(() => window.guanxi.importRan()), 'worker');
  await extracted(page, 120);
  // The graph is drawn first; its table follows.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=entity-row]')].some((r) => r.children[0].textContent === '金水区'));
  const { long, progress } = await page.evaluate(() => ({ long: window.__long, progress: window.__progress }));
  // Progress counted articles, with the time spent and left once there was a pace.
  const texts = progress.map(([, t]) => t);
  assert.ok(texts.some((t) => /^\d+ \/ 120 articles/.test(t)), JSON.stringify(texts));
  // While the worker extracted (from the first progress to the last before the bar is full,
  // as it is while the graph is made), no main-thread task reached 50 ms.
  const counted = progress.filter(([, t]) => /\/ 120 articles/.test(t) && !/^120 \//.test(t));
  if (counted.length >= 2) {
    const [from, to] = [counted[0][0], counted[counted.length - 1][0]];
    const during = long.filter(([s, d]) => s + d > from && s < to);
    assert.deepEqual(during, [], `long tasks while the worker extracted: ${JSON.stringify(during)}`);
  }
  await closeClean(context, errors, requests);
});

test('after a large import its table fills a part a frame and the work is saved; then no main-thread task reaches 50 ms', async () => {
  const { page, errors, context } = await openReady(browser, '', { init: OBSERVE });
  await page.setInputFiles('[data-testid=import]', [big]);
  await extracted(page, 120);
  // The table fills up to every visible entity (more than the first 100 rows), and the work
  // is saved with the new source.
  await page.waitForFunction(() => {
    const n = Number(document.getElementById('entity-count').textContent);
    return n > 100 && document.querySelectorAll('[data-testid=entity-row]').length === Math.min(n, 3000);
  }, null, { timeout: 30000 });
  // (The demo is never saved: the first save, ended, is the one of the import.)
  await page.waitForFunction(() => { const s = window.guanxi.saved(); return s.generation >= 1 && !s.writing; });
  const saved = await page.evaluate(() => new Promise((done) => {
    const r = indexedDB.open('guanxi', 1);
    r.onsuccess = () => { const g = r.result.transaction('work').objectStore('work').get('guanxi:state');
      g.onsuccess = () => { r.result.close(); done(g.result || ''); }; };
  }));
  assert.ok(saved.includes('large.jsonl'), 'the saved work has the new source');
  const rows = await rowNames(page);
  assert.equal(new Set(rows).size, rows.length, 'no row twice');
  assert.ok(rows.includes('金水区'));
  // From then on (the graph settling, drawn each frame), 30 frames without a long task. (The
  // frames just after the import draw new names' glyphs for the first time, which a loaded
  // machine can stretch past 50 ms: they are not counted.)
  const from = await page.evaluate(() => performance.now());
  await page.evaluate(() => new Promise((done) => { let n = 0; const f = () => (++n >= 30 ? done() : requestAnimationFrame(f)); requestAnimationFrame(f); }));
  const long = await page.evaluate((from) => window.__long.filter(([s, d]) => s + d > from), from);
  assert.deepEqual(long, [], `long tasks after the import: ${JSON.stringify(long)}`);
  await closeClean(context, errors);
});

// Counts the workers the page makes and terminates.
// Counts the workers made and stopped; while `hold` is set, what a worker sends is held back
// (a listener added before the page's own stops it), so an import stays under way however fast
// the machine is.
const WORKERS = `window.__workers = { made: 0, stopped: 0, hold: false };
  window.Worker = class extends window.Worker {
    constructor(...a) {
      super(...a); window.__workers.made++;
      this.addEventListener('message', (e) => { if (window.__workers.hold) e.stopImmediatePropagation(); });
    }
    terminate() { window.__workers.stopped++; return super.terminate(); }
  };`;

test('Cancel stops the worker; the next import starts a new one', async () => {
  const { page, errors, context } = await openReady(browser, '', { init: WORKERS });
  const before = await rowNames(page);
  await page.evaluate(() => { window.__workers.hold = true; });
  await page.setInputFiles('[data-testid=import]', [big]);
  await page.waitForSelector('#import-progress-box:not([hidden])');
  await page.click('[data-testid=import-cancel]');
  // Cancelled, and the worker terminated: nothing can come from it later.
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('cancelled')
    && window.__workers.made === 1 && window.__workers.stopped === 1);
  assert.deepEqual(await rowNames(page), before, 'the previous graph is still shown');
  assert.equal(await page.$$eval('[data-testid=sources] li', (l) => l.length), 1, 'only the demo is listed');
  assert.equal(await page.evaluate(() => window.guanxi.importRan()), 'worker');
  await page.evaluate(() => { window.__workers.hold = false; });
  await page.setInputFiles('[data-testid=import]', [big]);
  await extracted(page, 120);
  assert.equal(await page.evaluate(() => window.guanxi.importRan()), 'worker');
  assert.deepEqual(await page.evaluate(() => window.__workers), { made: 2, stopped: 1, hold: false }, 'a new worker');
  await closeClean(context, errors);
});

test('without workers the import runs on the main thread, and says why when a worker fails', async () => {
  // No Worker at all: this corpus is extracted on the main thread, as before the worker.
  let { page, context } = await openReady(browser, '', { init: 'delete window.Worker;' });
  await page.setInputFiles('[data-testid=import]', [big]);
  await page.waitForFunction(() => /Loaded 1/.test(document.querySelector('[data-testid=status]').textContent));
  assert.equal(await page.evaluate(() => window.guanxi.importRan()), null, 'not a large import without a worker');
  assert.ok((await rowNames(page)).includes('金水区'));
  await context.close();
  // A worker that cannot start: the status says so, and the import still completes.
  ({ page, context } = await openReady(browser, '', { init: 'window.Worker = function () { throw new Error("blocked for the test"); };' }));
  await page.setInputFiles('[data-testid=import]', [big]);
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('blocked for the test'));
  assert.match(await status(page), /main thread/);
  assert.equal(await page.evaluate(() => window.guanxi.importRan()), 'main-thread');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=entity-row]').length > 3);
  assert.ok((await rowNames(page)).includes('金水区'));
  await context.close();
});

test('Firefox: a large import runs in the worker from file://', async () => {
  const ff = await startFirefox();
  try {
    await ff.openFresh(pageUrl);
    // The file chosen as a user would, through the import input.
    await ff.eval(`const dt = new DataTransfer();
      dt.items.add(new File([arguments[0]], 'large.jsonl', { type: 'application/jsonl' }));
      const input = document.querySelector('[data-testid=import]');
      input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true }));`, CORPUS);
    await ff.waitFor('return !document.getElementById("import-progress-box").hidden || /Extracted/.test(document.querySelector("[data-testid=status]").textContent)', 'progress');
    assert.equal(await ff.eval('return window.guanxi.importRan()'), 'worker');
    await ff.waitFor('return document.querySelector("[data-testid=status]").textContent.includes("Extracted 120 articles")', 'the import', 120000);
    // The table fills to every visible entity, a part a frame.
    await ff.waitFor('const n = Number(document.getElementById("entity-count").textContent); return n > 100 && document.querySelectorAll("[data-testid=entity-row]").length === n', 'the whole table');
    const rows = await ff.eval('return [...document.querySelectorAll("[data-testid=entity-row]")].map((r) => r.children[0].textContent)');
    assert.ok(rows.includes('金水区'), rows.slice(0, 10).join(' '));
    assert.equal(new Set(rows).size, rows.length, 'no row twice');
  } finally {
    await ff.quit();
  }
});
