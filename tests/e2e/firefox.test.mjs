// dist/guanxi.html from file:// in headless Firefox ESR (WebDriver through geckodriver): the
// one file must work in both engines the issue names, not only in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pageUrl } from './browser.mjs';
import { startFirefox } from './webdriver.mjs';

let ff;
before(async () => { ff = await startFirefox(); });
after(async () => { await ff?.quit(); });

const readyScript = 'return document.documentElement.dataset.ready === "1"';
const rowsScript = `return [...document.querySelectorAll('[data-testid=entity-row]')]
  .map((r) => ({ id: r.dataset.entityId, kind: r.children[1].textContent, mentions: +r.children[2].textContent }))`;

test('Firefox opens the file, extracts the demo page and draws it', async () => {
  await ff.goto(pageUrl);
  await ff.waitFor(readyScript, 'data-ready');
  const status = await ff.eval('const s = document.querySelector("[data-testid=status]"); return [s.textContent, s.className]');
  assert.match(status[0], /8 articles · \d+ entities/);
  assert.notEqual(status[1], 'error');
  assert.equal(await ff.eval('return performance.getEntriesByName("guanxi:ready").length'), 1);
  // Something was drawn: the canvas is not one flat colour.
  const distinct = await ff.eval(`const c = document.querySelector('[data-testid=graph-canvas]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set(); for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] << 16 | d[i + 1] << 8 | d[i + 2]);
    return seen.size`);
  assert.ok(distinct > 5, `${distinct} colours on the canvas`);
  // The background load of the recogniser (DecompressionStream + parse) completes here too.
  await ff.waitFor('return performance.getEntriesByName("guanxi:lexicons-load").length === 1', 'background load');
  assert.notEqual(await ff.eval('return document.querySelector("[data-testid=status]").className'), 'error');
});

test('Firefox: clicking a node on the canvas highlights its mentions', async () => {
  await ff.goto(pageUrl);
  await ff.waitFor(readyScript, 'data-ready');
  const [top] = await ff.eval(rowsScript);
  const pos = await ff.eval('return window.guanxi.screenPosition(arguments[0])', top.id);
  assert.ok(pos, 'the node has a position');
  const size = await ff.eval('const r = document.querySelector("[data-testid=graph-canvas]").getBoundingClientRect(); return [r.width, r.height]');
  const canvas = await ff.find('[data-testid=graph-canvas]');
  await ff.clickAt(canvas, pos.x, pos.y, size[0], size[1]);
  const marks = await ff.waitFor(`const n = document.querySelectorAll('[data-testid=source-panel] mark.primary[data-entity-id="${top.id}"]').length; return n || null`, 'marks');
  assert.ok(marks >= top.mentions, `${marks} marks for ${top.mentions} mentions`);
  // The URL names the entity by its stable key (kind and name), not its position.
  const key = await ff.eval('return window.guanxi.entityKey(arguments[0])', top.id);
  assert.ok((await ff.eval('return location.hash')).includes(`sel=${key}`));
  // The page names it the same way, and that address opens on it again.
  assert.match(top.id, /^(person|place|organisation|programme):/);
  const hash = await ff.eval('return location.hash');
  await ff.goto('about:blank');
  await ff.goto(pageUrl + hash);
  await ff.waitFor(readyScript, 'data-ready');
  await ff.waitFor(`return document.querySelector('[data-testid=entity-row][aria-selected=true]')?.dataset.entityId === ${JSON.stringify(top.id)} || null`, 'the same entity selected');
});

test('Firefox: a kind filter removes that kind from the list', async () => {
  await ff.goto(pageUrl + '#');
  await ff.waitFor(readyScript, 'data-ready');
  const before = await ff.eval(rowsScript);
  assert.ok(before.some((r) => r.kind === 'person'));
  await ff.click(await ff.find('[data-testid=kind-filter-person]'));
  const after = await ff.eval(rowsScript);
  assert.ok(after.length > 0 && after.every((r) => r.kind !== 'person'));
});

test('Firefox: a path with evidence, communities and importance', async () => {
  await ff.goto(pageUrl + '#');
  await ff.waitFor(readyScript, 'data-ready');
  await ff.type(await ff.find('[data-testid=path-from]'), '钟永胜');
  await ff.type(await ff.find('[data-testid=path-to]'), '王占\uE007');
  const hops = await ff.waitFor(`const h = document.querySelectorAll('[data-testid=path-panel] [data-testid=path-hop]');
    return h.length ? [...h].map((x) => x.querySelectorAll('.hop mark[data-entity-id]').length) : null`, 'path hops');
  assert.ok(hops.length >= 3 && hops.every((n) => n === 2), JSON.stringify(hops));
  assert.match(await ff.eval('return document.querySelector("[data-testid=status]").textContent'), /Path from 钟永胜 to 王占军/);
  await ff.eval(`const s = document.querySelector('[data-testid=colour-by]'); s.value = 'community';
    s.dispatchEvent(new Event('change', { bubbles: true }))`);
  const rows = await ff.waitFor('const n = document.querySelectorAll("[data-testid=community-legend] [data-testid=community-row]").length; return n || null', 'legend');
  assert.ok(rows >= 3);
  await ff.click(await ff.find('[data-testid=sort-importance]'));
  await ff.waitFor('return document.querySelector("[data-testid=sort-importance]").getAttribute("aria-sort") === "descending"', 'sorted');
  await ff.eval(`const s = document.querySelector('[data-testid=size-by]'); s.value = 'importance';
    s.dispatchEvent(new Event('change', { bubbles: true }))`);
  await ff.waitFor('return location.hash.includes("size=importance")', 'size by importance');
});

test('Firefox: the timeline over dated articles, story steps and a clicker key from a text field', async () => {
  await ff.goto(pageUrl + '#');
  await ff.waitFor(readyScript, 'data-ready');
  assert.equal(await ff.eval('return document.getElementById("timeline-box").hidden'), true, 'no dates in the demo');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const file = `${mkdtempSync(`${tmpdir()}/guanxi-ff-`)}/dated.jsonl`;
  writeFileSync(file, [
    { title: '一月', date: '2024-01-05', text: '湖南省长沙市岳麓区教育局局长刘建华出席活动。' },
    { title: '三月', date: '2024-03-15', text: '江苏省南京市玄武区举办活动。' },
  ].map((a) => JSON.stringify(a)).join('\n'));
  await ff.type(await ff.find('[data-testid=import]'), file);
  await ff.waitFor('return !document.getElementById("timeline-box").hidden', 'the timeline');
  await ff.eval(`const t = document.querySelector('[data-testid=timeline]'); t.value = '0';
    t.dispatchEvent(new Event('input', { bubbles: true }))`);
  await ff.waitFor('return location.hash.includes("date=2024-01-05")', 'the date in the hash');
  const names = await ff.eval('return [...document.querySelectorAll("[data-testid=entity-row]")].map((r) => r.children[0].textContent)');
  assert.ok(names.includes('长沙市') && !names.includes('南京市'), `${names}`);
  // Two steps: as of January, then every date; PageUp in the caption box goes back.
  await ff.type(await ff.find('[data-testid=story-caption]'), '一月');
  await ff.click(await ff.find('[data-testid=story-add]'));
  await ff.eval(`const t = document.querySelector('[data-testid=timeline]'); t.value = '1';
    t.dispatchEvent(new Event('input', { bubbles: true }))`);
  await ff.click(await ff.find('[data-testid=story-add]'));
  await ff.waitFor('return document.querySelectorAll("[data-testid=story-step]").length === 2', 'two steps');
  await ff.type(await ff.find('[data-testid=story-caption]'), '\uE00E');
  await ff.waitFor('return /Step 1 of 2: 一月/.test(document.querySelector("[data-testid=status]").textContent)', 'step 1');
  assert.equal(await ff.eval('return document.querySelector("[data-testid=timeline]").value'), '0');
  await ff.click(await ff.find('[data-testid=story-next]'));
  await ff.waitFor('return !location.hash.includes("date=") && location.hash.includes("step=2")', 'step 2');
});
