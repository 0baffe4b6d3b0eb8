// A graph JSON (what `guanxi extract` writes, here a `--top 20` subgraph of the demo page, and
// what the page's own JSON export writes) opened in the page from file:// as a corpus, in
// Chromium and Firefox: its entities listed as given, kept after a reload; a broken one and a
// mix with articles refused with a message naming the file, losing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, ready, root, pageUrl, openReady, closeClean } from './browser.mjs';
import { startFirefox } from './webdriver.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-graph-'));
const cli = path.join(root, 'target/release/guanxi');
const topFile = path.join(dir, 'top.json');
let top;
let browser;
before(async () => {
  execFileSync(cli, ['extract', '--top', '20', '-o', topFile, path.join(root, 'data/seed-page.txt')], { stdio: ['ignore', 'ignore', 'pipe'] });
  top = JSON.parse(readFileSync(topFile, 'utf8'));
  browser = await launch();
});
after(async () => { await browser?.close(); });

function file(name, content) {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}
const status = (page) => page.textContent('[data-testid=status]');
const rowNames = (page) => page.$$eval('[data-testid=entity-row]', (r) => r.map((x) => x.children[0].textContent));
async function importFiles(page, paths) {
  await page.setInputFiles('[data-testid=import]', paths);
  await page.waitForFunction(() => /Loaded|Not loaded/.test(document.querySelector('[data-testid=status]').textContent));
}
const sorted = (xs) => [...xs].sort();

test('a --top 20 graph JSON from the CLI opens as it is and comes back after a reload', async () => {
  assert.equal(top.entities.length, 20);
  const { page, errors, requests, context } = await openReady(browser);
  await importFiles(page, [topFile]);
  const s = await status(page);
  assert.match(s, new RegExp(`^Loaded 1: top\\.json \\(graph JSON: ${top.articles.length} articles?, 20 entities`));
  assert.deepEqual(sorted(await rowNames(page)), sorted(top.entities.map((e) => e.label)));
  assert.match(await page.textContent('[data-testid=sources]'), /top\.json · graph JSON/);
  // The evidence as given: selecting the first entity marks its mentions in its articles.
  await page.click('[data-testid=entity-row] >> nth=0');
  const id = await page.getAttribute('[data-testid=entity-row] >> nth=0', 'data-entity-id');
  await page.waitForSelector(`#source-panel mark[data-entity-id="${id}"]`);
  await page.reload();
  await ready(page);
  assert.deepEqual(sorted(await rowNames(page)), sorted(top.entities.map((e) => e.label)), 'the graph comes back after reload');
  // Articles beside it are refused, and nothing is lost.
  await importFiles(page, [file('page.txt', '本报讯（陈晓峰）湖南省长沙市岳麓区举办活动。\n')]);
  assert.match(await status(page), /Not loaded \(1\): page\.txt: articles are not added to the graph JSON top\.json/);
  assert.equal((await rowNames(page)).length, 20);
  await closeClean(context, errors, requests);
});

test('a broken graph JSON gets a message naming the file and what is wrong; what is loaded stays', async () => {
  const { page, errors, context } = await openReady(browser);
  const before = await rowNames(page);
  const dangling = structuredClone(top);
  dangling.relations[0].target = 'e99';
  const outside = structuredClone(top);
  outside.entities[0].mentions[0].end = 1e6;
  await importFiles(page, [
    file('dangling.json', JSON.stringify(dangling)),
    file('outside.json', JSON.stringify(outside, null, 2)),
    file('cut.json', JSON.stringify(top).slice(0, 300)),
  ]);
  const s = await status(page);
  assert.match(s, /Not loaded \(3\)/);
  assert.match(s, /dangling\.json: not a graph guanxi can show: relation 0 .* names entity e99/);
  assert.match(s, /outside\.json: not a graph guanxi can show: e0: span .* is not inside an article/);
  assert.match(s, /cut\.json: not a graph guanxi can show: line 1/);
  assert.equal(await page.getAttribute('[data-testid=status]', 'class'), 'error');
  assert.deepEqual(await rowNames(page), before, 'the demo is still shown');
  await closeClean(context, errors);
});

test('the page\'s own graph JSON export opens again in the page', async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await ready(page);
  const names = await rowNames(page);
  await page.click('#export-menu summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
  const saved = path.join(dir, 'exported.json');
  await download.saveAs(saved);
  const other = await context.newPage();
  await other.goto(pageUrl);
  await ready(other);
  await importFiles(other, [saved]);
  assert.match(await status(other), /^Loaded 1: exported\.json \(graph JSON: 8 articles/);
  assert.deepEqual(sorted(await rowNames(other)), sorted(names));
  await context.close();
});

test('Firefox opens a graph JSON file and reports a broken one', async () => {
  const ff = await startFirefox();
  try {
    await ff.goto(pageUrl);
    await ff.waitFor('return document.documentElement.dataset.ready === "1"', 'data-ready');
    const statusScript = 'const s = document.querySelector("[data-testid=status]"); return /Loaded|Not loaded/.test(s.textContent) && [s.textContent, s.className]';
    await ff.type(await ff.find('[data-testid=import]'), topFile);
    const [text] = await ff.waitFor(statusScript, 'import');
    assert.match(text, /^Loaded 1: top\.json \(graph JSON/);
    const names = await ff.eval('return [...document.querySelectorAll("[data-testid=entity-row]")].map((r) => r.children[0].textContent)');
    assert.deepEqual(sorted(names), sorted(top.entities.map((e) => e.label)));
    const bad = structuredClone(top);
    bad.entities[3].id = 'e7';
    await ff.eval('document.querySelector("[data-testid=status]").textContent = ""');
    await ff.type(await ff.find('[data-testid=import]'), file('ids.json', JSON.stringify(bad)));
    const [msg, cls] = await ff.waitFor(statusScript, 'refusal');
    assert.match(msg, /ids\.json: not a graph guanxi can show/);
    assert.equal(cls, 'error');
  } finally {
    await ff.quit();
  }
});
