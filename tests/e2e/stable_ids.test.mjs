// End-to-end, issue 18 items 2 and 7: stable ids in the page, the URL and after a reload, and
// exports that keep the picture, parsed with graphology-gexf and graphology-graphml (the
// readers Gephi Lite uses). dist/guanxi.html from file://, as a user drives it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { drawn, launch, open, ready, openReady, closeClean, openForDownloads } from './browser.mjs';

const require = createRequire(import.meta.url);
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const graphml = require('graphology-graphml');

let browser;
const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-ids-'));
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const STABLE = /^(person|place|organisation|programme):[^\s"&#=,]+$/;

async function rows(page) {
  return page.$$eval('[data-testid=entity-row]', (r) => r.map((tr) => ({
    id: tr.dataset.entityId, name: tr.children[0].textContent, kind: tr.children[1].textContent,
  })));
}
async function detailTitle(page, name) {
  await page.waitForFunction((n) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === n, name);
}
function hashOf(page) { return page.evaluate(() => decodeURIComponent(location.hash)); }

test('entities and relations keep their stable ids in the page, the link and after a reload', async () => {
  const { page, errors, context } = await openReady(browser);
  const all = await rows(page);
  assert.ok(all.length > 40);
  // The page names every entity by kind and name, never by position.
  for (const r of all) assert.match(r.id, STABLE, r.id);
  assert.equal(new Set(all.map((r) => r.id)).size, all.length);
  const top = all[0];
  assert.ok(top.id === `${top.kind}:${top.name}` || !/^[\u4e00-\u9fff]+$/.test(top.name), top.id);
  await page.click(`[data-testid=entity-row][data-entity-id="${top.id}"]`);
  await detailTitle(page, top.name);
  await page.waitForFunction((id) => decodeURIComponent(location.hash) === `#sel=${id}`, top.id);
  // The marks in the sources and the links in the details name entities the same way.
  const marks = await page.$$eval('[data-testid=source-panel] mark[data-entity-id]', (m) => m.map((x) => x.dataset.entityId));
  assert.ok(marks.includes(top.id) && marks.every((m) => STABLE.test(m)), marks.join(' '));
  // A reload opens on the same entity.
  await page.reload();
  await ready(page);
  await detailTitle(page, top.name);
  assert.equal(await hashOf(page), `#sel=${top.id}`);
  // A relation: its evidence is named by its kind and both ends.
  await page.click('[data-testid=detail-panel] [data-relation]');
  await page.waitForFunction(() => /^#sel=(within|role|part_of|co_occurs):/.test(location.hash));
  const rel = await hashOf(page);
  assert.ok(rel.includes(top.id), rel);
  const ends = await page.$$eval('[data-testid=source-panel] mark.primary', (m) => [...new Set(m.map((x) => x.dataset.entityId))].sort());
  assert.equal(ends.length, 2);
  await page.reload();
  await ready(page);
  assert.equal(await hashOf(page), rel);
  assert.deepEqual(await page.$$eval('[data-testid=source-panel] mark.primary', (m) => [...new Set(m.map((x) => x.dataset.entityId))].sort()), ends);
  // A bookmark typed with the name unescaped steps at once, without a reload.
  const other = all.find((r) => r.kind === 'person');
  await page.evaluate((id) => { location.hash = `sel=${id}`; }, other.id);
  await detailTitle(page, other.name);
  assert.equal(await hashOf(page), `#sel=${other.id}`);
  // An old position link is opened and said to be one; one naming nothing is reported.
  await page.evaluate(() => { location.hash = 'sel=r3'; });
  await page.waitForFunction(() => /older link names the link/.test(document.querySelector('[data-testid=status]').textContent));
  await page.waitForFunction(() => /^#sel=[a-z_]+:/.test(location.hash));
  await page.evaluate(() => { location.hash = 'sel=place:%E6%97%A0%E6%AD%A4%E5%9C%B0'; });
  await page.waitForFunction(() => /could not be read/.test(document.querySelector('[data-testid=status]').textContent));
  await closeClean(context, errors);
});

async function download(page, fmt, { view = false } = {}) {
  if (!(await page.$eval('#export-menu', (d) => d.open))) await page.click('#export-menu summary');
  await page.setChecked('[data-testid=export-view]', view);
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${fmt}]`)]);
  const p = path.join(dir, `${view ? 'view-' : ''}${d.suggestedFilename()}`);
  await d.saveAs(p);
  return readFileSync(p, 'utf8');
}

test('GEXF and GraphML keep the picture, the attributes and the stable ids, filtered or not', async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL('../../dist/guanxi.html', import.meta.url).href);
  await ready(page);
  await drawn(page);
  const all = await rows(page);
  const g = gexf.parse(Graph, await download(page, 'gexf'));
  const h = graphml.parse(Graph, await download(page, 'graphml'));
  // Ids are the page's stable ids.
  assert.deepEqual(g.nodes().sort(), all.map((r) => r.id).sort());
  assert.deepEqual(h.nodes().sort(), g.nodes().sort());
  assert.equal(h.size, g.size);
  assert.ok(g.size > 0);
  // An edge is named by its kind and both ends.
  g.forEachEdge((e, a, s, t) => {
    assert.ok(e.startsWith(`${a.kind}:`) && e.includes(s) && e.includes(t), e);
    assert.ok(h.hasEdge(e), e);
  });
  // Attributes: the same in both readers.
  for (const n of g.nodes()) {
    const a = g.getNodeAttributes(n);
    const b = h.getNodeAttributes(n);
    for (const k of ['kind', 'mentions', 'importance', 'degree', 'community', 'articles']) {
      assert.ok(a[k] !== undefined && String(a[k]) === String(b[k]), `${n} ${k}: ${a[k]} / ${b[k]}`);
    }
    assert.equal(a.label, b.label);
    assert.ok(a.mentions >= 1 && a.articles >= 1 && a.importance > 0, `${n}: ${JSON.stringify(a)}`);
    assert.match(a.first_date ?? '', /^(\d{4}-\d{2}-\d{2})?$/);
    if (/^[\u4e00-\u9fff]+$/.test(a.label)) assert.ok(n === `${a.kind}:${a.label}` || n.startsWith(`${a.kind}:${a.label}~`), n);
    // The picture: position, colour and size, the same in GraphML.
    assert.ok(Number.isFinite(a.x) && Number.isFinite(a.y) && a.size > 0, `${n}: ${JSON.stringify(a)}`);
    assert.ok(Math.abs(a.x - b.x) < 1e-3 && Math.abs(a.y - b.y) < 1e-3 && Math.abs(a.size - b.size) < 1e-3);
    const [, r, gr, bl] = a.color.match(/^rgb\((\d+),(\d+),(\d+)\)$/);
    assert.equal(b.color, '#' + [r, gr, bl].map((c) => (+c).toString(16).padStart(2, '0')).join(''));
  }
  // Colour by kind: one colour per kind, the kinds' colours differ.
  const colours = new Map();
  g.forEachNode((n, a) => { colours.set(a.kind, (colours.get(a.kind) ?? new Set()).add(a.color)); });
  assert.ok([...colours.values()].every((s) => s.size === 1));
  assert.equal(new Set([...colours.values()].map((s) => [...s][0])).size, colours.size);
  // The positions are the ones on screen (y up in GEXF): one scale maps one onto the other.
  const [p, q] = [all[0].id, all[1].id];
  const sp = await page.evaluate((i) => window.guanxi.screenPosition(i), p);
  const sq = await page.evaluate((i) => window.guanxi.screenPosition(i), q);
  const [a, b] = [g.getNodeAttributes(p), g.getNodeAttributes(q)];
  const kx = (sq.x - sp.x) / (b.x - a.x);
  const ky = (sq.y - sp.y) / -(b.y - a.y);
  assert.ok(kx > 0 && Math.abs(kx - ky) / kx < 1e-2, `scales ${kx} ${ky}`);
  // Filtered: persons hidden; the rest keep their ids, attributes and positions.
  await page.uncheck('[data-testid=kind-filter-person]');
  await page.waitForFunction(() => /kinds=/.test(location.hash));
  const fg = gexf.parse(Graph, await download(page, 'gexf', { view: true }));
  const fh = graphml.parse(Graph, await download(page, 'graphml', { view: true }));
  const shown = (await rows(page)).map((r) => r.id).sort();
  assert.deepEqual(fg.nodes().sort(), shown);
  assert.deepEqual(fh.nodes().sort(), shown);
  assert.ok(shown.length < all.length && !shown.some((n) => n.startsWith('person:')));
  for (const n of shown) assert.deepEqual(fg.getNodeAttributes(n), g.getNodeAttributes(n));
  fg.forEachEdge((e) => assert.ok(g.hasEdge(e), e));
  await closeClean(context, errors);
});

test('imported articles give each node its article count and first date in the exports', async () => {
  const { context, page } = await openForDownloads(browser);
  const p = path.join(dir, 'dated.jsonl');
  writeFileSync(p, [
    { title: '一', date: '2023-05-08', text: '湖南省长沙市岳麓区教育局举办读书活动。' },
    { title: '二', date: '2021-03-02', text: '湖南省长沙市举办展会。' },
  ].map((a) => JSON.stringify(a)).join('\n') + '\n');
  await page.setInputFiles('[data-testid=import]', [p]);
  await page.waitForFunction(() => /Loaded/.test(document.querySelector('[data-testid=status]').textContent));
  await page.waitForFunction(() => document.querySelector('[data-entity-id="place:长沙市"]'));
  const g = gexf.parse(Graph, await download(page, 'gexf'));
  const cs = g.getNodeAttributes('place:长沙市');
  assert.equal(cs.articles, 2);
  assert.equal(cs.first_date, '2021-03-02');
  assert.equal(g.getNodeAttributes('place:岳麓区').first_date, '2023-05-08');
  await context.close();
});
