// End-to-end: dist/guanxi.html opened from file:// in headless Chromium, used as a person would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { drawn, launch, open, ready, openReady, closeClean } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Rows of the entity table as {id, name, kind, mentions}. */
async function rows(page) {
  return page.$$eval('[data-testid=entity-row]', (trs) => trs.map((tr) => ({
    id: tr.dataset.entityId,
    name: tr.children[0].textContent,
    kind: tr.children[1].textContent,
    mentions: Number(tr.children[2].textContent),
  })));
}

/** Opens a ready page and selects the top row of the entity table (the most mentioned). */
async function openOnTop() {
  const { page, context } = await openReady(browser);
  const [top] = await rows(page);
  await page.click(`[data-testid=entity-row][data-entity-id="${top.id}"]`);
  return { page, context, top };
}

async function clickNode(page, id) {
  const pos = await page.evaluate((i) => window.guanxi.screenPosition(i), id);
  assert.ok(pos, `no screen position for ${id}`);
  const box = await page.locator('[data-testid=graph-canvas]').boundingBox();
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
}

test('opens from file:// with no errors, no requests, and a CSP', async () => {
  const { page, errors, requests, context } = await openReady(browser);
  const csp = await page.$eval('meta[http-equiv=Content-Security-Policy]', (m) => m.content);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/);
  const mark = await page.evaluate(() => performance.getEntriesByName('guanxi:ready').length);
  assert.equal(mark, 1);
  const status = await page.textContent('[data-testid=status]');
  assert.match(status, /8 articles/);
  assert.ok((await rows(page)).length > 40);
  // After the first frame the recogniser and lexicons load in the background (inflated by the
  // browser's DecompressionStream), with no error.
  await page.waitForFunction(() => performance.getEntriesByName('guanxi:lexicons-load').length === 1);
  for (const part of ['model', 'words', 'gazetteer', 'places']) {
    assert.equal(await page.evaluate((n) => performance.getEntriesByName(n).length, `guanxi:${part}-load`), 1);
  }
  await closeClean(context, errors, requests);
});

test('clicking a node shows its details and highlights every mention', async () => {
  const { page, errors, context } = await openReady(browser);
  // The most-mentioned entity heads the default (mentions) sort.
  const [top] = await rows(page);
  await clickNode(page, top.id);
  await page.waitForFunction((name) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === name, top.name);
  const marks = await page.$$eval(`[data-testid=source-panel] mark.primary[data-entity-id="${top.id}"]`, (m) => m.length);
  assert.ok(marks >= top.mentions, `${marks} marks for ${top.mentions} mentions`);
  // The URL names the entity by its stable key (kind and name), not its position.
  const key = await page.evaluate((i) => window.guanxi.entityKey(i), top.id);
  assert.ok((await page.evaluate(() => location.hash)).includes(`sel=${key}`));
  // Clicking another highlighted mention in the text selects that entity.
  const other = await page.$(`[data-testid=source-panel] mark:not([data-entity-id="${top.id}"])`);
  assert.ok(other, 'another entity is marked in the source');
  const otherId = await other.getAttribute('data-entity-id');
  await other.click();
  const otherKey = await page.evaluate((i) => window.guanxi.entityKey(i), otherId);
  await page.waitForFunction((k) => location.hash.includes(`sel=${k}`), otherKey);
  await closeClean(context, errors);
});

test('toggling a kind off removes it from the list and the graph', async () => {
  const { page, context } = await openReady(browser);
  const person = (await rows(page)).find((r) => r.kind === 'person');
  await page.uncheck('[data-testid=kind-filter-person]');
  const after = await rows(page);
  assert.ok(after.length > 0);
  assert.ok(after.every((r) => r.kind !== 'person'));
  // The node is no longer drawn: clicking where it was does not select it (once the click is
  // handled and drawn).
  await clickNode(page, person.id);
  await drawn(page);
  const sel = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('sel'));
  assert.notEqual(sel, person.id);
  assert.equal(await page.evaluate((i) => window.guanxi.isVisible(i), person.id), false);
  await page.check('[data-testid=kind-filter-person]');
  assert.ok((await rows(page)).some((r) => r.kind === 'person'));
  await context.close();
});

test('search finds an entity by a partial alias and Enter selects it', async () => {
  const { page, context } = await openReady(browser);
  await page.fill('[data-testid=search]', '怀柔');
  await page.waitForSelector('#suggestions li');
  await page.press('[data-testid=search]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=detail-panel] h2')?.textContent === '怀柔区');
  assert.match(await page.textContent('[data-testid=detail-panel]'), /北京怀柔/);
  await page.fill('[data-testid=search]', '没有这个名字');
  await page.press('[data-testid=search]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('No entity'));
  await context.close();
});

test('the selection, filters and focus survive a reload', async () => {
  const { page, context, top } = await openOnTop();
  await page.click('[data-testid=focus-1]');
  await page.uncheck('[data-testid=kind-filter-programme]');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /focus=/);
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => location.hash), hash);
  assert.equal(await page.textContent('[data-testid=detail-panel] h2'), top.name);
  assert.equal(await page.isChecked('[data-testid=kind-filter-programme]'), false);
  const visible = await rows(page);
  assert.ok(visible.length < 40 && visible.some((r) => r.id === top.id));
  await context.close();
});

test('an edge shows its supporting sentences with both ends highlighted', async () => {
  const { page, context, top } = await openOnTop();
  await page.click('[data-testid=detail-panel] [data-relation]');
  // The relation is named by its kind and both ends' stable ids, not by position.
  await page.waitForFunction(() => /sel=(within|role|part_of|co_occurs):[a-z]+:[^&]+\/[a-z]+:/.test(location.hash));
  const ends = await page.$$eval('[data-testid=source-panel] mark.primary', (m) => [...new Set(m.map((x) => x.dataset.entityId))]);
  assert.equal(ends.length, 2);
  await context.close();
});

test('keyboard users can select from the entity list', async () => {
  const { page, context } = await openReady(browser);
  const rs = await rows(page);
  await page.focus(`[data-testid=entity-row][data-entity-id="${rs[0].id}"]`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === n, rs[1].name);
  await context.close();
});

test('a garbage or unknown hash shows a message and the default view', async () => {
  const { page, errors, context } = await openReady(browser, '#sel=e99999&kinds=robots&%%%');
  const status = await page.textContent('[data-testid=status]');
  assert.match(status, /could not be read/);
  assert.ok((await rows(page)).length > 40);
  await closeClean(context, errors);
});

test('presentation mode switches to high contrast and back', async () => {
  const { page, context } = await openReady(browser);
  await page.click('[data-testid=present]');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('present')));
  assert.match(await page.evaluate(() => location.hash), /present=1/);
  await page.click('[data-testid=present]');
  assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('present'))));
  await context.close();
});

test('bench protocol: layout and render modes publish results', async () => {
  const n = 300;
  const init = `(() => {
    let s = 42; const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const nodes = [], edges = [];
    for (let i = 0; i < ${n}; i++) nodes.push({ id: 'n' + i, label: '节点' + i, x: r() * 100, y: r() * 100 });
    for (let i = 1; i < ${n}; i++) for (let k = 0; k < 4; k++) edges.push({ source: 'n' + i, target: 'n' + Math.floor(r() * i), weight: 1 });
    window.benchInput = { protocol: 1, size: ${n}, seed: 42, graph: { nodes, edges },
      layout: { iterations: 100, x: nodes.map((q) => q.x), y: nodes.map((q) => q.y) } };
  })();`;
  for (const mode of ['layout', 'render']) {
    const { page, errors, requests, context } = await open(browser, `#bench&size=${n}&mode=${mode}`, { init });
    await page.waitForFunction(() => window.benchResult, null, { timeout: 30000 });
    const res = await page.evaluate(() => window.benchResult);
    assert.equal(res.ok, true, JSON.stringify(res));
    const metric = mode === 'layout' ? res.metrics.layout_ms_per_iter : res.metrics.frame_ms;
    assert.ok(metric.value > 0 && metric.n >= 30, JSON.stringify(res));
    await closeClean(context, errors, requests);
  }
});
