// End-to-end: issue 17's analysis tools (path with evidence, communities, importance) on the
// demo page, driven as a user would (dist/guanxi.html from file://, headless Chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ready, openReady, closeClean } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function waitStatus(page, re) {
  await page.waitForFunction((s) => new RegExp(s).test(document.querySelector('[data-testid=status]').textContent), re.source);
}

test('a path with evidence: typed names, Enter, hops with their sentences, in the URL', async () => {
  const { page, errors, context } = await openReady(browser);
  assert.equal(await page.isHidden('[data-testid=path-panel]'), true);
  // A prefix is enough: Enter takes the best match, as in the search box.
  await page.fill('[data-testid=path-from]', '钟永胜');
  await page.fill('[data-testid=path-to]', '王占');
  await page.press('[data-testid=path-to]', 'Enter');
  await waitStatus(page, /Path from 钟永胜 to 王占军/);
  await page.waitForSelector('[data-testid=path-panel] [data-testid=path-hop]');
  assert.equal(await page.inputValue('[data-testid=path-to]'), '王占军');
  const hops = await page.$$eval('[data-testid=path-hop]', (hs) => hs.map((h) => ({
    ends: [...h.querySelectorAll('.hop mark[data-entity-id]')].map((m) => m.textContent),
    text: h.querySelector('.hop').textContent,
    sentences: h.querySelectorAll('article p').length,
    marked: h.querySelectorAll('article mark[data-entity-id]').length,
  })));
  // Stated relations (role, lies in) beat the single co-mention through 九度.
  assert.ok(hops.length >= 3, JSON.stringify(hops));
  assert.equal(hops[0].ends[0], '钟永胜');
  assert.equal(hops.at(-1).ends[1], '王占军');
  for (const h of hops) {
    assert.equal(h.ends.length, 2);
    assert.ok(h.sentences >= 1 && h.marked >= 2, JSON.stringify(h));
  }
  assert.ok(hops.some((h) => /holds a role at|has in a role/.test(h.text)));
  assert.match(await page.textContent('[data-testid=path-panel]'), /strongest evidence/);
  assert.match(await page.evaluate(() => location.hash), /path=person:/);
  // The path survives a reload (it is in the hash).
  await page.reload();
  await ready(page);
  await page.waitForSelector('[data-testid=path-hop]');
  assert.equal(await page.inputValue('[data-testid=path-from]'), '钟永胜');
  // A mark in the panel selects its entity.
  await page.click('[data-testid=path-hop] .hop mark >> nth=0');
  await page.waitForFunction(() => document.querySelector('[data-testid=detail-panel] h2')?.textContent === '钟永胜');
  // No link at all: said in the status line; no match: said too.
  await page.fill('[data-testid=path-from]', '杨澜');
  await page.fill('[data-testid=path-to]', '北京');
  await page.click('[data-testid=path-find]');
  await waitStatus(page, /No path between 杨澜 and 北京市/);
  await page.fill('[data-testid=path-to]', '火星人');
  await page.click('[data-testid=path-find]');
  await waitStatus(page, /No entity matches “火星人”/);
  await closeClean(context, errors);
});

test('colour by community: a legend named after members, each shown or hidden', async () => {
  const { page, errors, context } = await openReady(browser);
  assert.equal(await page.isHidden('[data-testid=community-legend]'), true);
  await page.selectOption('[data-testid=colour-by]', 'community');
  await page.waitForSelector('[data-testid=community-legend] [data-testid=community-row]');
  const rows = await page.$$eval('[data-testid=community-row]', (rs) => rs.map((r) => ({
    name: r.children[2].textContent, size: +r.children[3].textContent, colour: r.querySelector('.swatch').style.background,
  })));
  assert.ok(rows.length >= 3, JSON.stringify(rows));
  assert.ok(rows.every((r) => r.name && r.size >= 1));
  assert.equal(new Set(rows.map((r) => r.colour)).size, rows.length, 'each community has its colour');
  assert.ok(rows[0].size >= rows[1].size, 'largest first');
  assert.match(await page.evaluate(() => location.hash), /colour=community/);
  // Hide the largest community: its members leave the list.
  const before = await page.$$eval('[data-testid=entity-row]', (r) => r.length);
  await page.uncheck('[data-testid=community-row] input >> nth=0');
  await page.waitForFunction(() => /hidec=0/.test(location.hash));
  const after = await page.$$eval('[data-testid=entity-row]', (r) => r.length);
  assert.equal(after, before - rows[0].size);
  await page.check('[data-testid=community-row] input >> nth=0');
  await page.waitForFunction(() => !/hidec=/.test(location.hash));
  await page.selectOption('[data-testid=colour-by]', 'kind');
  await page.waitForFunction(() => document.querySelector('[data-testid=community-legend]').hidden);
  await closeClean(context, errors);
});

test('importance and degree in the list, sortable; size by a measure', async () => {
  const { page, errors, context } = await openReady(browser);
  await page.click('[data-testid=sort-importance]');
  await page.waitForFunction(() => document.querySelector('[data-testid=sort-importance]').getAttribute('aria-sort') === 'descending');
  const values = await page.$$eval('[data-testid=entity-row]', (r) => r.map((x) => +x.children[4].textContent));
  assert.ok(values.length > 10);
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  assert.ok(values[0] > 1, 'the top entity is above average');
  const degrees = await page.$$eval('[data-testid=entity-row]', (r) => r.map((x) => +x.children[3].textContent));
  assert.ok(degrees.every((d) => Number.isInteger(d) && d >= 0) && degrees[0] > 0);
  // Again: ascending.
  await page.click('[data-testid=sort-importance]');
  await page.waitForFunction(() => document.querySelector('[data-testid=sort-importance]').getAttribute('aria-sort') === 'ascending');
  for (const by of ['importance', 'degree', 'mentions']) {
    await page.selectOption('[data-testid=size-by]', by);
    if (by === 'mentions') await page.waitForFunction(() => !/size=/.test(location.hash));
    else await page.waitForFunction((b) => location.hash.includes(`size=${b}`), by);
  }
  await closeClean(context, errors);
});
