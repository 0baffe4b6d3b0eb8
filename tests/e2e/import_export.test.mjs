// Users' own articles from file://: import (files, paste, encodings), bad input, saved work,
// and every export, checked with independent parsers (Python networkx and csv).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { drawn, launch, open, ready, openReady, closeClean, openForDownloads, SAMPLE_PAGE } from './browser.mjs';

let browser;
const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-e2e-'));
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PAGE = SAMPLE_PAGE;
function file(name, content) {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function status(page) { return page.textContent('[data-testid=status]'); }
async function rowNames(page) { return page.$$eval('[data-testid=entity-row]', (r) => r.map((x) => x.children[0].textContent)); }
async function importFiles(page, paths) {
  await page.setInputFiles('[data-testid=import]', paths);
  await page.waitForFunction(() => /Loaded|Not loaded/.test(document.querySelector('[data-testid=status]').textContent));
}

test('imports a UTF-8 page, GBK text and JSON Lines; keeps them after reload', async () => {
  const gbk = Buffer.from(execFileSync('python3', ['-c',
    "import sys; sys.stdout.buffer.write('本报讯（王芳）河南省郑州市举办展会，郑州市商务局局长李强致辞。'.encode('gbk'))"]));
  const paths = [
    file('page.txt', PAGE),
    file('gbk.txt', gbk),
    file('arts.jsonl', JSON.stringify({ title: '江苏', text: '江苏省南京市玄武区举办活动。' }) + '\n'),
  ];
  const { page, errors, requests, context } = await openReady(browser);
  await importFiles(page, paths);
  const s = await status(page);
  assert.match(s, /Loaded 3/);
  assert.match(s, /GB18030\/GBK/);
  const names = await rowNames(page);
  for (const n of ['刘建华', '岳麓区教育局', '郑州市', '南京市']) assert.ok(names.includes(n), `${n} in ${names}`);
  assert.ok(!names.includes('清水县'), 'the demo corpus is replaced by the user\'s');
  assert.equal(await page.$$eval('[data-testid=sources] li', (l) => l.length), 3);
  await page.reload();
  await ready(page);
  assert.ok((await rowNames(page)).includes('刘建华'), 'sources come back after reload');
  // Remove one source; switch back to the demo and forth.
  await page.click('[data-testid=remove-source] >> nth=0');
  assert.ok(!(await rowNames(page)).includes('刘建华'));
  await page.click('[data-testid=demo]');
  assert.ok((await rowNames(page)).includes('清水县'));
  await page.click('[data-testid=my-sources]');
  assert.ok((await rowNames(page)).includes('郑州市'));
  await closeClean(context, errors, requests);
});

test('pasted text is extracted in the page', async () => {
  const { page, context } = await openReady(browser);
  await page.click('[data-testid=paste-open]');
  await page.fill('[data-testid=paste-text]', PAGE);
  await page.click('[data-testid=paste-add]');
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('Added'));
  assert.ok((await rowNames(page)).includes('刘建华'));
  await context.close();
});

test('bad input gets a clear message and loses nothing already loaded', async () => {
  const { page, errors, context } = await openReady(browser);
  await importFiles(page, [file('good.txt', PAGE)]);
  const before = await rowNames(page);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0]);
  const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65, 0xff, 0xfe]);
  await importFiles(page, [
    file('empty.txt', ''), file('image.png', png), file('archive.zip', zip), file('latin1.txt', latin1),
    file('wrong.jsonl', '{"text":"好"}\n{"title":"no text here"}\n'),
  ]);
  const s = await status(page);
  assert.match(s, /Not loaded \(5\)/);
  assert.match(s, /empty\.txt: empty document/);
  assert.match(s, /image\.png/);
  assert.match(s, /wrong\.jsonl: line 2: .*text/);
  assert.deepEqual(await rowNames(page), before, 'nothing already loaded is lost');
  await closeClean(context, errors);
});

test('a 50 MB file is refused before reading, and 2,000 tiny files load', async () => {
  const { page, context } = await openReady(browser);
  const big = file('big.txt', Buffer.alloc(50 * 1024 * 1024 + 10, 0x61));
  const tiny = [];
  for (let i = 0; i < 2000; i++) tiny.push(file(`t${i}.jsonl`, JSON.stringify({ text: `第${i}条：河南省郑州市。` }) + '\n'));
  await importFiles(page, [big]);
  assert.match(await status(page), /big\.txt: .*MB/);
  await importFiles(page, tiny);
  assert.match(await status(page), /Loaded 2000/);
  await context.close();
});

test('HTML and scripts in imported text stay inert everywhere', async () => {
  const evil = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> <a href="javascript:window.pwned=3">x</a>';
  const { page, errors, requests, context } = await openReady(browser);
  await importFiles(page, [file('evil.jsonl', JSON.stringify({ title: evil, text: `河南省郑州市${evil}举办“${evil}”活动。` }) + '\n')]);
  await page.click('[data-testid=entity-row] >> nth=0');
  await page.selectOption('[data-testid=article-filter]', { index: 0 });
  // The markup is shown as text in the source panel, so no element of it exists to run.
  await page.waitForFunction(
    (t) => document.querySelector('#source-panel').textContent.includes(t), evil);
  await drawn(page);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.$$eval('#source-panel img, #source-panel script, #detail-panel img', (x) => x.length), 0);
  assert.deepEqual(requests, []);
  await closeClean(context, errors);
});

test('damaged saved work is set aside; newer saved work is kept as it is; both with a message', async () => {
  for (const [bad, want] of [['{oops', /damaged/], [JSON.stringify({ app: 'guanxi', version: 99, checksum: '0', payload: '{}' }), /newer guanxi.*kept as it is/]]) {
    const init = `if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('guanxi:state', ${JSON.stringify(bad)}); }`;
    const { page, errors, context } = await openReady(browser, '', { init });
    assert.match(await status(page), want);
    assert.ok((await rowNames(page)).includes('清水县'), 'the demo still opens');
    if (bad === '{oops') {
      // The copy is written to IndexedDB (in the background).
      await page.waitForFunction(() => new Promise((done) => {
        const r = indexedDB.open('guanxi', 1);
        r.onsuccess = () => { const k = r.result.transaction('work').objectStore('work').getAllKeys();
          k.onsuccess = () => { r.result.close(); done(k.result.some((x) => x.startsWith('guanxi:state:set-aside'))); }; };
      }));
      assert.equal(await page.evaluate(() => localStorage.getItem('guanxi:state')), null);
    } else {
      assert.equal(await page.evaluate(() => localStorage.getItem('guanxi:state')), bad, 'left untouched');
    }
    await closeClean(context, errors);
  }
});

test('every export downloads and parses with independent tools', async () => {
  const { context, page } = await openForDownloads(browser);
  const n = (await rowNames(page)).length;
  const saved = {};
  for (const fmt of ['gexf', 'graphml', 'json', 'csv', 'png', 'svg', 'html']) {
    await page.click('#export-menu summary');
    const count = fmt === 'csv' ? 2 : 1;
    const downloads = [];
    const done = new Promise((resolve) => page.on('download', function onD(d) { downloads.push(d); if (downloads.length === count) { page.off('download', onD); resolve(); } }));
    await page.click(`[data-testid=export-${fmt}]`);
    await done;
    for (const d of downloads) { const p = path.join(dir, d.suggestedFilename()); await d.saveAs(p); saved[d.suggestedFilename()] = p; }
  }
  const py = `
import json, csv, sys, networkx as nx
g = nx.read_gexf(sys.argv[1]); h = nx.read_graphml(sys.argv[2]); x = json.load(open(sys.argv[3], encoding='utf-8'))
nodes = list(csv.DictReader(open(sys.argv[4], encoding='utf-8-sig'))); edges = list(csv.DictReader(open(sys.argv[5], encoding='utf-8-sig')))
print(json.dumps({'gexf': [g.number_of_nodes(), g.number_of_edges()], 'graphml': [h.number_of_nodes(), h.number_of_edges()],
  'json': [len(x['entities']), len(x['relations']), len(x['credits'])], 'csv': [len(nodes), len(edges)],
  'labels': sorted(d['label'] for _, d in g.nodes(data=True))[:3], 'csvlabels': [r['label'] for r in nodes][:3],
  'importance': [sum(float(d['importance']) for _, d in g.nodes(data=True)), sum(float(d['importance']) for _, d in h.nodes(data=True)),
    sum(float(r['importance']) for r in nodes), sum(x['measures']['importance'])],
  'communities': [len(set(d['community'] for _, d in g.nodes(data=True))), len(set(r['community'] for r in nodes))],
  'degree': [sorted(int(d['degree']) for _, d in g.nodes(data=True)) == sorted(int(d['degree']) for _, d in h.nodes(data=True)) == sorted(int(r['degree']) for r in nodes)]}))`;
  const out = JSON.parse(execFileSync('python3', ['-c', py, saved['guanxi.gexf'], saved['guanxi.graphml'], saved['guanxi.json'],
    saved['guanxi-nodes.csv'], saved['guanxi-edges.csv']]).toString());
  assert.equal(out.gexf[0], n);
  assert.deepEqual(out.graphml, out.gexf);
  assert.equal(out.json[0], n);
  assert.equal(out.json[2], 9, 'the JSON carries the seed page\'s nine credits (who wrote which article)');
  assert.equal(out.csv[0], n);
  assert.equal(out.csv[1], out.gexf[1]);
  assert.ok(out.labels.every((l) => /[\u4e00-\u9fff]/.test(l)), JSON.stringify(out));
  // Importance (sums to 1), degree and community travel with every format.
  assert.ok(out.importance.every((v) => Math.abs(v - 1) < 1e-6), JSON.stringify(out.importance));
  assert.ok(out.communities[0] >= 3 && out.communities[0] === out.communities[1], JSON.stringify(out.communities));
  assert.deepEqual(out.degree, [true]);
  const png = readFileSync(saved['guanxi.png']);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const cssWidth = (await page.locator('[data-testid=graph-canvas]').boundingBox()).width;
  assert.ok(Math.abs(png.readUInt32BE(16) - 2 * cssWidth) <= 2, `PNG ${png.readUInt32BE(16)} px for ${cssWidth} CSS px`);
  assert.match(readFileSync(saved['guanxi.svg'], 'utf8'), /<svg[\s\S]*<circle[\s\S]*<text/);
  // The project file opens on its own with the same corpus.
  const proj = await context.newPage();
  await proj.goto('file://' + saved['guanxi-project.html']);
  await ready(proj);
  assert.equal((await rowNames(proj)).length, n);
  await context.close();
});

test('a large import shows progress, keeps the page responsive, and can be cancelled', async () => {
  // ~1.2 MB of Chinese news-like text as JSON Lines (400 articles, each text different: the
  // page reads a text it has seen before from its cache).
  const sentence = '本报讯（王芳）近日，河南省郑州市金水区举办“书香社区”读书月活动，区教育局局长李强出席并讲话。';
  const lines = [];
  for (let i = 0; i < 400; i++) lines.push(JSON.stringify({ title: `第${i}篇`, text: `${sentence.repeat(20)}（第${i}篇完）` }));
  const big = file('large.jsonl', lines.join('\n') + '\n');
  const { page, errors, context } = await openReady(browser);
  const before = await rowNames(page);
  await page.setInputFiles('[data-testid=import]', [big]);
  await page.waitForSelector('#import-progress-box:not([hidden])');
  // The page answers while extraction runs.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.ok(Date.now() - t0 < 1000, 'a frame within a second while extracting');
  await page.click('[data-testid=import-cancel]');
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('cancelled'));
  assert.deepEqual(await rowNames(page), before);
  assert.equal(await page.$$eval('[data-testid=sources] li', (l) => l.length), 1, 'only the demo is listed');
  await page.setInputFiles('[data-testid=import]', [big]);
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('Extracted 400 articles'), null, { timeout: 120000 });
  // The graph is drawn first; its table follows a frame later.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=entity-row]')].some((r) => r.children[0].textContent === '金水区'));
  await closeClean(context, errors);
});

test('a page whose recogniser block was removed says so and still shows the demo', async () => {
  const { root } = await import('./browser.mjs');
  const { pathToFileURL } = await import('node:url');
  const html = readFileSync(path.join(root, 'dist/guanxi.html'), 'utf8');
  const cut = html.replace(/<script type="application\/octet-stream" id="guanxi-asset-ner-model">[^<]*<\/script>/, '');
  assert.ok(cut.length < html.length - 100000, 'the model block was found and removed');
  const damaged = file('damaged.html', cut);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(damaged).href);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('could not be read'));
  assert.ok((await rowNames(page)).length > 40, 'the demo graph is still there');
  await context.close();
});

test('a page whose code cannot start shows why instead of a blank or half-drawn page', async () => {
  const { root } = await import('./browser.mjs');
  const { pathToFileURL } = await import('node:url');
  const html = readFileSync(path.join(root, 'dist/guanxi.html'), 'utf8');
  // The deflated code cut short: the browser's inflate fails, so the compile does.
  const cut = html.replace(/(<script type="application\/octet-stream" id="guanxi-wasm">)([^<]*)(<\/script>)/,
    (_, open, b64, close) => open + b64.slice(0, 4000) + close);
  assert.ok(cut.length < html.length - 100000, 'the code block was found and cut');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(file('no-code.html', cut)).href);
  const status = page.locator('[data-testid=status]');
  await status.filter({ hasText: 'guanxi could not start' }).waitFor({ timeout: 20000 });
  assert.ok(await status.isVisible(), 'the message is on screen, not hidden with the booting page');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('booting')), false);
  await context.close();
});
