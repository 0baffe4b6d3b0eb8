// End-to-end: issue 18 items 5 and 8 as a user meets them (dist/guanxi.html from file://), in
// Chromium and in Firefox: each kind of relation drawn in its own line with a legend that
// shows and hides it; the same page imported twice (UTF-8, then GBK) reported and not counted
// twice; the article list searched by title, source and date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, ready, drawn, pageUrl, openReady, closeClean, SAMPLE_PAGE } from './browser.mjs';
import { startFirefox } from './webdriver.mjs';

let browser;
let ff;
const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-kinds-'));
before(async () => { browser = await launch(); ff = await startFirefox(); });
after(async () => { await browser?.close(); await ff?.quit(); });

const PAGE = SAMPLE_PAGE;
const utf8 = path.join(dir, 'page.txt');
writeFileSync(utf8, PAGE);
const gbk = path.join(dir, 'page-gbk.txt');
writeFileSync(gbk, execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gbk"))'], { input: PAGE }));
const dated = path.join(dir, 'dated.jsonl');
writeFileSync(dated, [
  { title: '一月会议', date: '2024-01-05', source: '新华社', text: '江苏省南京市玄武区举办展览。' },
  { title: '三月培训', date: '2024-03-15', source: '人民日报', text: '湖北省宜昌市夷陵区开展培训。' },
  { title: '五月活动', source: '人民日报', text: '河南省洛阳市栾川县举办活动。' },
].map((a) => JSON.stringify(a)).join('\n'));

/** The legend's rows as the user reads them. */
const legendScript = `return [...document.querySelectorAll('[data-testid=relation-legend] [data-testid=relation-row]')].map((r) => {
  const line = r.querySelector('svg line');
  return { kind: r.dataset.kind, name: r.querySelector('span').textContent, count: +r.querySelector('.count').textContent,
    checked: r.querySelector('input').checked, stroke: line?.getAttribute('stroke'), dash: line?.getAttribute('stroke-dasharray') || '',
    width: +line?.getAttribute('stroke-width') };
})`;
const drawnScript = 'return Object.fromEntries(window.guanxi.drawnEdges().split(" ").filter(Boolean).map((p) => p.split("=")).map(([k, n]) => [k, +n]))';
const statusScript = 'return document.querySelector("[data-testid=status]").textContent';
const optionsScript = 'return [...document.querySelectorAll("[data-testid=article-filter] option")].map((o) => ({ value: o.value, text: o.textContent, selected: o.selected }))';

/** Canvas pixels in the teal of "lies in" (mixed with the background at any strength): no node
 * kind has that hue. */
const tealScript = `const c = document.querySelector('[data-testid=graph-canvas]');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
  for (let i = 0; i < d.length; i += 4) { const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
    if (g > r + 40 && b > r + 40 && Math.abs(g - b) < 30) n++; }
  return n`;

// Chromium (Playwright).
const legend = (page) => page.evaluate(new Function(legendScript));
const drawnEdges = async (page) => { await drawn(page); return page.evaluate(new Function(drawnScript)); };
async function waitStatus(page, re) {
  await page.waitForFunction((s) => new RegExp(s).test(document.querySelector('[data-testid=status]').textContent), re.source);
}

test('Chromium: a line style per kind, a legend with counts, and a box per kind that hides it through imports and reloads', async () => {
  const { page, errors, context } = await openReady(browser);
  const rows = await legend(page);
  const kinds = rows.map((r) => r.kind);
  assert.ok(kinds.includes('within') && kinds.includes('co_occurs'), JSON.stringify(rows));
  assert.ok(rows.every((r) => r.count > 0 && r.checked && r.stroke), JSON.stringify(rows));
  // Each kind its own colour and dashes; stated relations wider than same-sentence links.
  assert.equal(new Set(rows.map((r) => r.stroke)).size, rows.length);
  assert.equal(new Set(rows.map((r) => r.dash)).size, rows.length);
  const co = rows.find((r) => r.kind === 'co_occurs');
  assert.equal(co.name, 'same sentence');
  assert.ok(rows.filter((r) => r.kind !== 'co_occurs').every((r) => r.width > co.width));
  assert.equal(rows.find((r) => r.kind === 'within').name, 'lies in');
  const before = await drawnEdges(page);
  assert.ok(before.within > 0 && before.co_occurs > 0, JSON.stringify(before));
  const tealBefore = await page.evaluate(new Function(tealScript));
  assert.ok(tealBefore > 40, `${tealBefore} teal pixels: "lies in" is drawn in its colour`);

  // Untick "lies in": its edges go, the others stay, the address says so.
  await page.uncheck('[data-testid=relation-row][data-kind=within] input');
  await page.waitForFunction(() => location.hash.includes('hiderel=within'));
  let now = await drawnEdges(page);
  assert.equal(now.within, undefined, JSON.stringify(now));
  // On the canvas too: the teal lines are gone.
  const teal = await page.evaluate(new Function(tealScript));
  assert.ok(teal * 3 < tealBefore, `${teal} teal pixels left of ${tealBefore}`);
  assert.ok(now.co_occurs > 0);
  assert.equal((await legend(page)).find((r) => r.kind === 'within').checked, false);
  // The same-sentence row and the "Same-sentence links" box are one setting.
  await page.uncheck('[data-testid=relation-row][data-kind=co_occurs] input');
  await page.waitForFunction(() => location.hash.includes('typed=1'));
  assert.equal(await page.isChecked('[data-testid=co-occurs]'), false);
  await page.check('[data-testid=co-occurs]');
  await page.waitForFunction(() => !location.hash.includes('typed=1'));
  assert.equal((await legend(page)).find((r) => r.kind === 'co_occurs').checked, true);

  // An import, the demo, my sources and a reload keep "lies in" hidden.
  await page.setInputFiles('[data-testid=import]', [utf8]);
  await waitStatus(page, /Loaded 1/);
  for (const step of [null, 'demo', 'my-sources', 'reload']) {
    if (step === 'reload') {
      await page.reload();
      await ready(page);
    } else if (step) {
      await page.click(`[data-testid=${step}]`);
    }
    await page.waitForFunction(() => document.querySelector('[data-testid=relation-row][data-kind=within] input')?.checked === false);
    now = await drawnEdges(page);
    assert.equal(now.within, undefined, `${step}: ${JSON.stringify(now)}`);
  }
  await page.check('[data-testid=relation-row][data-kind=within] input');
  await page.waitForFunction(() => !location.hash.includes('hiderel'));
  assert.ok((await drawnEdges(page)).within > 0);
  await closeClean(context, errors);
});

test('Chromium: the same page imported again in GBK is reported, not added; the article list searches title, source and date', async () => {
  const { page, errors, context } = await openReady(browser);
  await page.setInputFiles('[data-testid=import]', [utf8]);
  await waitStatus(page, /Loaded 1: page\.txt/);
  const summary = await page.evaluate(() => document.querySelectorAll('[data-testid=entity-row]').length);
  await page.setInputFiles('[data-testid=import]', [gbk]);
  await waitStatus(page, /page-gbk\.txt: the same text is already loaded \(page\.txt\)/);
  assert.equal(await page.$$eval('[data-testid=sources] li', (l) => l.length), 1, 'one source');
  assert.equal(await page.$$eval('[data-testid=article-filter] option', (o) => o.length), 1, 'one article');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-testid=entity-row]').length), summary);

  // Dated articles with sources: each row shows them.
  await page.setInputFiles('[data-testid=import]', [dated]);
  await waitStatus(page, /Loaded 1: dated\.jsonl/);
  const options = await page.evaluate(new Function(optionsScript));
  assert.equal(options.length, 4);
  assert.ok(options.some((o) => o.text.includes('一月会议') && o.text.includes('新华社') && o.text.includes('2024-01-05')), JSON.stringify(options));
  assert.equal(await page.textContent('[data-testid=article-count]'), '4');
  // Search by date, then by source (any case, every word).
  await page.fill('[data-testid=article-search]', '2024-03');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=article-filter] option').length === 1);
  assert.match(await page.textContent('[data-testid=article-filter] option'), /三月培训 — 人民日报 · 2024-03-15/);
  assert.equal(await page.textContent('[data-testid=article-count]'), '1 of 4');
  await page.selectOption('[data-testid=article-filter]', { index: 0 });
  await page.waitForFunction(() => location.hash.includes('articles='));
  const names = await page.$$eval('[data-testid=entity-row]', (r) => r.map((x) => x.children[0].textContent));
  assert.ok(names.includes('宜昌市') && !names.includes('南京市'), `${names}`);
  await page.fill('[data-testid=article-search]', '人民日报 五月');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=article-filter] option')].map((o) => o.textContent).join('|').includes('五月活动'));
  assert.equal(await page.$$eval('[data-testid=article-filter] option', (o) => o.length), 1);
  // Clearing the search lists every article again, the one chosen still chosen.
  await page.fill('[data-testid=article-search]', '');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=article-filter] option').length === 4);
  const chosen = (await page.evaluate(new Function(optionsScript))).filter((o) => o.selected).map((o) => o.text);
  assert.equal(chosen.length, 1);
  assert.match(chosen[0], /三月培训/);
  await closeClean(context, errors);
});

// Firefox (WebDriver).
test('Firefox: the relation legend hides a kind, and an import keeps it hidden', async () => {
  await ff.goto(pageUrl + '#');
  await ff.waitFor('return document.documentElement.dataset.ready === "1"', 'data-ready');
  const rows = await ff.eval(legendScript);
  assert.ok(rows.length >= 2 && rows.every((r) => r.count > 0 && r.checked), JSON.stringify(rows));
  assert.equal(new Set(rows.map((r) => r.stroke)).size, rows.length);
  const co = rows.find((r) => r.kind === 'co_occurs');
  assert.ok(rows.filter((r) => r.kind !== 'co_occurs').every((r) => r.width > co.width));
  assert.ok((await ff.eval(drawnScript)).within > 0);
  const tealBefore = await ff.eval(tealScript);
  assert.ok(tealBefore > 40, `${tealBefore} teal pixels`);
  await ff.click(await ff.find('[data-testid=relation-row][data-kind=within] input'));
  await ff.waitFor('return location.hash.includes("hiderel=within")', 'the hash');
  await ff.waitFor(`${drawnScript.replace('return ', 'const d = ')}; return d.within === undefined && d.co_occurs > 0`, 'within edges gone');
  await ff.waitFor(`${tealScript.replace('return n', 'return n * 3 < arguments[0] || null')}`.replace('arguments[0]', String(tealBefore)), 'the teal lines gone from the canvas');
  await ff.type(await ff.find('[data-testid=import]'), utf8);
  await ff.waitFor('return /Loaded 1/.test(document.querySelector("[data-testid=status]").textContent)', 'the import');
  assert.equal(await ff.eval('return document.querySelector("[data-testid=relation-row][data-kind=within] input").checked'), false);
  await ff.waitFor(`${drawnScript.replace('return ', 'const d = ')}; return d.within === undefined || null`, 'within still hidden');
  assert.ok((await ff.eval('return location.hash')).includes('hiderel=within'));
});

test('Firefox: the same page in GBK is reported and not added; the article search filters the list', async () => {
  await ff.goto('about:blank');
  // The previous test's work is in storage: start from the demo with nothing loaded.
  await ff.openFresh(pageUrl + '#');
  await ff.type(await ff.find('[data-testid=import]'), utf8);
  await ff.waitFor('return /Loaded 1: page\\.txt/.test(document.querySelector("[data-testid=status]").textContent)', 'the import');
  await ff.type(await ff.find('[data-testid=import]'), gbk);
  await ff.waitFor('return /already loaded \\(page\\.txt\\)/.test(document.querySelector("[data-testid=status]").textContent)', 'the duplicate reported');
  assert.equal(await ff.eval('return document.querySelectorAll("[data-testid=sources] li").length'), 1);
  assert.equal(await ff.eval('return document.querySelectorAll("[data-testid=article-filter] option").length'), 1);
  await ff.type(await ff.find('[data-testid=import]'), dated);
  await ff.waitFor('return /Loaded 1: dated\\.jsonl/.test(document.querySelector("[data-testid=status]").textContent)', 'the dated import');
  const options = await ff.eval(optionsScript);
  assert.ok(options.some((o) => /一月会议 — 新华社 · 2024-01-05/.test(o.text)), JSON.stringify(options));
  await ff.type(await ff.find('[data-testid=article-search]'), '新华社');
  await ff.waitFor('return document.querySelectorAll("[data-testid=article-filter] option").length === 1 || null', 'one match');
  assert.match(await ff.eval(statusScript.replace('status', 'article-count')), /^1 of 4$/);
  assert.match(await ff.eval('return document.querySelector("[data-testid=article-filter] option").textContent'), /一月会议/);
});
