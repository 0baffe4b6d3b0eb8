// Issue 20: saved work larger than localStorage's quota lives in IndexedDB and reopens after a
// reload; a full storage is reported and loses nothing saved before; two tabs saving at once do
// not write over each other. Chromium (playwright) and Firefox (WebDriver), from file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, openReady, ready, closeClean, pageUrl, root, SAMPLE_PAGE } from './browser.mjs';
import { startFirefox, CLEAR_STORAGE } from './webdriver.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-storage-'));
const file = (name, content) => { const p = path.join(dir, name); writeFileSync(p, content); return p; };

// A graph JSON (as `guanxi extract` writes it; it opens without extracting) whose articles carry
// 6 M characters: its saved form is larger than localStorage's quota in both browsers. The CLI
// extracts 185 articles made from the seed page (each numbered, so none repeats another).
const seed = readFileSync(path.join(root, 'data/seed-page.txt'), 'utf8').replace(/\s+/g, '');
const lines = Array.from({ length: 185 }, (_, i) => JSON.stringify({ title: `第${i + 1}篇`, text: `第${i + 1}篇。${seed.slice(0, 600)}` }));
const corpus = file('corpus.jsonl', lines.join('\n') + '\n');
const graph = JSON.parse(execFileSync(path.join(root, 'target/release/guanxi'), ['extract', corpus], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }).toString());
const filler = graph.articles.map((a) => a.text).join('').slice(0, 33000);
for (const a of graph.articles) a.text += filler.repeat(Math.ceil(33000 / filler.length)).slice(0, 33000);
const BIG = file('big.json', JSON.stringify(graph));
const SMALL = file('small.txt', SAMPLE_PAGE);
const OTHER = file('other.txt', SAMPLE_PAGE.replace('岳麓区', '雨花区').replace('刘建华', '王建国'));

// In the page: the saved work in IndexedDB (its length in characters), and whether localStorage
// could hold a string that long.
const SAVED_SIZE = `return new Promise((done) => {
  const r = indexedDB.open('guanxi', 1);
  r.onsuccess = () => { const g = r.result.transaction('work').objectStore('work').get('guanxi:state');
    g.onsuccess = () => { const n = (g.result || '').length; let fits = true;
      try { localStorage.setItem('probe', 'x'.repeat(n)); } catch (e) { fits = e.name; }
      localStorage.removeItem('probe'); r.result.close(); done({ n, fits }); }; };
  r.onerror = () => done({ n: -1, fits: String(r.error) });
})`;
// Makes IndexedDB refuse writes as a full storage does.
const FULL = `IDBObjectStore.prototype.put = function () { throw new DOMException('simulated full storage', 'QuotaExceededError'); }`;
const savedDone = (gen) => `const s = window.guanxi && window.guanxi.saved(); return !!s && s.generation >= ${gen} && !s.writing`;
const sourcesText = 'return document.querySelector("#sources").textContent';

let browser, ff;
before(async () => { browser = await launch(); ff = await startFirefox(); });
after(async () => { await browser?.close(); await ff?.quit(); });

const waitSaved = (page, gen) => page.waitForFunction(new Function(savedDone(gen)), null, { timeout: 60000 });
const sources = (page) => page.evaluate(new Function(sourcesText));
const status = (page) => page.textContent('[data-testid=status]');
// The entity table's rows once it is whole (it fills a part a frame, up to 3,000 rows).
const wholeTable = async (page) => (await page.waitForFunction(() => {
  const n = Math.min(Number(document.getElementById('entity-count').textContent), 3000);
  return document.querySelectorAll('[data-testid=entity-row]').length === n && n;
}, null, { timeout: 60000 })).jsonValue();

test('Chromium: work larger than localStorage holds is saved in IndexedDB and reopens', async () => {
  const { page, errors, context } = await openReady(browser);
  await page.setInputFiles('[data-testid=import]', [BIG]);
  await page.waitForFunction(() => /Loaded/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
  await waitSaved(page, 1);
  const { n, fits } = await page.evaluate(new Function(SAVED_SIZE));
  assert.ok(n > 6_000_000, `saved ${n} characters`);
  assert.equal(fits, 'QuotaExceededError', 'localStorage could not hold it');
  const rows = await wholeTable(page);
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => document.querySelector('#sources').textContent.includes('big.json'));
  assert.match(await sources(page), /big\.json · graph JSON/);
  assert.equal(await wholeTable(page), rows);
  assert.equal((await page.evaluate(() => window.guanxi.saved())).generation, 1);
  await closeClean(context, errors);
});

test('Chromium: a full storage is reported and the work saved before stays', async () => {
  const { page, errors, context } = await openReady(browser);
  await page.setInputFiles('[data-testid=import]', [SMALL]);
  await waitSaved(page, 1);
  await page.evaluate(new Function(FULL));
  await page.setInputFiles('[data-testid=import]', [OTHER]);
  await page.waitForFunction(() => /could not be saved in this browser: the storage is full/.test(document.querySelector('[data-testid=status]').textContent));
  assert.equal(await page.getAttribute('[data-testid=status]', 'class'), 'error');
  assert.match(await sources(page), /other\.txt/, 'the new source stays open');
  await page.reload();
  await ready(page);
  const after = await sources(page);
  assert.ok(after.includes('small.txt') && !after.includes('other.txt'), after);
  await closeClean(context, errors);
});

test('Chromium: two tabs saving at once do not write over each other', async () => {
  const a = await openReady(browser);
  const b = await a.context.newPage();
  await b.goto(pageUrl);
  await ready(b);
  await a.page.setInputFiles('[data-testid=import]', [SMALL]);
  await waitSaved(a.page, 1);
  await b.setInputFiles('[data-testid=import]', [OTHER]);
  await b.waitForFunction(() => /Not saved: another tab saved/.test(document.querySelector('[data-testid=status]').textContent));
  const c = await a.context.newPage();
  await c.goto(pageUrl);
  await ready(c);
  const kept = await sources(c);
  assert.ok(kept.includes('small.txt') && !kept.includes('other.txt'), kept);
  await closeClean(a.context, a.errors);
});

test('Firefox: large work reopens from IndexedDB; a full storage is reported and loses nothing', async () => {
  await ff.openFresh(pageUrl + '#');
  await ff.type(await ff.find('[data-testid=import]'), BIG);
  await ff.waitFor(savedDone(1), 'saved', 90000);
  const { n, fits } = await ff.eval(SAVED_SIZE);
  assert.ok(n > 6_000_000, `saved ${n} characters`);
  assert.equal(fits, 'QuotaExceededError', 'localStorage could not hold it');
  await ff.goto('about:blank');
  await ff.goto(pageUrl + '#');
  await ff.waitFor(`return document.querySelector("#sources").textContent.includes("big.json") || null`, 'the saved work', 60000);
  // Full storage: reported, and the big work stays saved.
  await ff.eval(FULL);
  // Removing the source saves the work without it: refused.
  await ff.eval('document.querySelector("[data-remove-source]").click()');
  await ff.waitFor('return /storage is full/.test(document.querySelector("[data-testid=status]").textContent) || null', 'the report');
  await ff.goto('about:blank');
  await ff.goto(pageUrl + '#');
  await ff.waitFor(`return document.querySelector("#sources").textContent.includes("big.json") || null`, 'the saved work again', 60000);
  await ff.eval(CLEAR_STORAGE);
});
