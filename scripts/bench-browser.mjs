// Browser benchmarks of dist/guanxi.html from file:// in headless Chromium (software rendering):
//   node scripts/bench-browser.mjs            layout + render at 1,000 / 5,000 / 20,000 nodes,
//                                             start-up of the seed page, and (if corpora/dh_msra.txt
//                                             exists) NER F1 and speed of the wasm build.
// Graphs follow bench protocol v1: scale-free (preferential attachment, 4 edges per node), seed 42.
//   BENCH_DEGREE=5: 5 edges per node (20,000 nodes / 100,000 edges); BENCH_SHOW_ALL=1: the render
//   bench also with every entity in full (no level of detail), in the same run;
//   BENCH_BASE=other.html: the render bench of that page too (another build), in the same run
//   (and with BENCH_SHOW_ALL, its "show all" too).
import { launch, open } from '../tests/e2e/browser.mjs';
import { fileUrl } from './bench-lib.mjs';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function graph(n, seed = 42, degree = Number(process.env.BENCH_DEGREE || 4)) {
  let s = seed;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const nodes = [], edges = [], ends = [];
  // A finished-looking layout: each node near the first node it attaches to (short edges, as
  // after a force layout); initial positions for the layout benchmark are random.
  const lx = [], ly = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: 'n' + i, label: '节点' + i, x: r() * 1000, y: r() * 1000 });
    const k = Math.min(degree, i);
    for (let j = 0; j < k; j++) {
      const t = ends.length ? ends[Math.floor(r() * ends.length)] : 0;
      edges.push({ source: 'n' + i, target: 'n' + t, weight: 1 });
      ends.push(i, t);
      if (j === 0) { const a = r() * 6.283, d = 30 + r() * 60; lx.push(lx[t] + d * Math.cos(a)); ly.push(ly[t] + d * Math.sin(a)); }
    }
    if (i === 0) { ends.push(0); lx.push(0); ly.push(0); }
  }
  return { protocol: 1, size: n, seed, graph: { nodes, edges }, layout: { iterations: 100, x: lx, y: ly } };
}

async function bench(browser, mode, input, other) {
  const init = `window.benchInput = ${JSON.stringify(input)};`;
  const hash = `#bench&size=${input.size ?? 0}&mode=${mode}`, viewport = { width: 1280, height: 800 };
  const { page, context } = other
    ? await (async () => { const context = await browser.newContext({ viewport }); const page = await context.newPage();
      await page.addInitScript(init); await page.goto(fileUrl(other) + hash); return { page, context }; })()
    : await open(browser, hash, { init, viewport });
  await page.waitForFunction(() => window.benchResult, null, { timeout: 180000 });
  const res = await page.evaluate(() => window.benchResult);
  await context.close();
  if (!res.ok) throw new Error(res.error);
  return res;
}

const browser = await launch();
try {
  // BENCH_ONLY=graph: layout and render only; BENCH_ONLY=startup: start-up and the wasm
  // recogniser only (no graphs, no imports), for side-by-side runs of two builds.
  const only = process.env.BENCH_ONLY;
  const sizes = only === 'startup' ? [] : (process.env.BENCH_SIZES || '1000,5000,20000').split(',').map(Number);
  for (const n of sizes) {
    const input = graph(n);
    const lay = await bench(browser, 'layout', input);
    const ren = await bench(browser, 'render', input);
    const l = lay.metrics.layout_ms_per_iter;
    const frame = (ren) => { const f = ren.metrics.frame_ms;
      return `frame ${f.value.toFixed(1)} ms (p95 ${f.p95.toFixed(1)}, ${(1000 / f.value).toFixed(1)} fps, ${ren.info.labels} labels), first render ${ren.metrics.first_render_ms.value.toFixed(0)} ms; per frame: scene ${ren.metrics.scene_ms.value.toFixed(1)} ms, canvas ${ren.metrics.draw_ms.value.toFixed(1)} ms`; };
    console.log(`n=${n} edges=${input.graph.edges.length}: layout ${l.value.toFixed(2)} ms/iter (p95 ${l.p95.toFixed(2)}), ${frame(ren)}`);
    if (process.env.BENCH_BASE) console.log(`  ${process.env.BENCH_BASE}: ${frame(await bench(browser, 'render', input, process.env.BENCH_BASE))}`);
    if (process.env.BENCH_SHOW_ALL) {
      console.log(`  show all (no level of detail): ${frame(await bench(browser, 'render', { ...input, show_all: true }))}`);
      if (process.env.BENCH_BASE) console.log(`  ${process.env.BENCH_BASE}, show all: ${frame(await bench(browser, 'render', { ...input, show_all: true }, process.env.BENCH_BASE))}`);
    }
  }
  if (only === 'graph') process.exit(0);
  const times = [], shown = [], loads = [];
  // When the drawn frame is on screen: the page paints nothing before its code starts
  // (html.booting), so its first paint, timed when presented, carries the graph. Should an
  // earlier paint ever come first: a timeout set in the first animation frame after
  // `guanxi:ready` fires once that frame is painted (later, if other tasks were queued first:
  // an upper bound).
  const onScreen = `(() => { const mark = Performance.prototype.mark;
    Performance.prototype.mark = function (name, ...rest) { const out = mark.call(this, name, ...rest);
      if (name === 'guanxi:ready') requestAnimationFrame(() => setTimeout(() => mark.call(performance, 'bench:painted'), 0));
      return out; }; })();`;
  for (let i = 0; i < 5; i++) {
    const { page, context } = await open(browser, '', { init: onScreen });
    await page.waitForFunction(() => performance.getEntriesByName('bench:painted').length, null, { timeout: 20000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('guanxi:ready')[0].startTime));
    shown.push(await page.evaluate(() => {
      const ready = performance.getEntriesByName('guanxi:ready')[0].startTime;
      const paint = performance.getEntriesByName('first-paint')[0]?.startTime ?? -1;
      return paint >= ready ? paint : performance.getEntriesByName('bench:painted')[0].startTime;
    }));
    // The recogniser and lexicons load in the background after the first frame.
    await page.waitForFunction(() => performance.getEntriesByName('guanxi:lexicons-load').length, null, { timeout: 20000 });
    // The model in steps, then the lexicons in four main-thread tasks: the sums (the cost on
    // the main thread) and the longest task of each.
    loads.push(await page.evaluate(() => {
      const d = (n) => performance.getEntriesByName(`guanxi:${n}-load`)[0].duration;
      const steps = performance.getEntriesByName('guanxi:model-load-step').map((e) => e.duration);
      const lex = ['words', 'gazetteer', 'places', 'lexicons'].map(d);
      const sum = (xs) => xs.reduce((a, b) => a + b, 0);
      return [sum(steps), sum(lex), Math.max(...lex), Math.max(...steps), steps.length];
    }));
    await context.close();
  }
  times.sort((a, b) => a - b);
  shown.sort((a, b) => a - b);
  console.log(`seed page: drawn graph ${times[2].toFixed(0)} ms after navigation (median of 5; min ${times[0].toFixed(0)}), ` +
    `on screen by ${shown[2].toFixed(0)} ms (median; min ${shown[0].toFixed(0)})`);
  console.log(`  then in the background: model load ${loads.map((l) => l[0].toFixed(0)).join(' / ')} ms ` +
    `(in ${loads[0][4]} steps, longest ${loads.map((l) => l[3].toFixed(0)).join(' / ')} ms), ` +
    `lexicons ${loads.map((l) => l[1].toFixed(0)).join(' / ')} ms ` +
    `(longest task ${loads.map((l) => l[2].toFixed(0)).join(' / ')} ms) (main thread, 5 runs)`);

  if (existsSync('corpora/dh_msra.txt')) {
    const sents = []; let cur = [], tags = [];
    const flush = () => { if (cur.length) { sents.push({ chars: cur, tags }); cur = []; tags = []; } };
    for (const line of readFileSync('corpora/dh_msra.txt', 'utf8').split('\n')) {
      if (!line.trim()) { flush(); continue; }
      const [c, t] = line.split('\t');
      if (t.trim().startsWith('I-') && !cur.length && sents.length) { const p = sents.pop(); cur = p.chars; tags = p.tags; }
      cur.push(c); tags.push(t.trim());
    }
    flush();
    const test = sents.slice(50658);
    const gold = test.map((s) => { const out = []; let open = null;
      s.tags.forEach((t, i) => { const [b, k] = t.split('-');
        if (open && !(b === 'I' && k === open[1])) { out.push(`${open[0]},${i},${open[1]}`); open = null; }
        if (b === 'B' || (b === 'I' && !open)) open = [i, k]; });
      if (open) out.push(`${open[0]},${s.tags.length},${open[1]}`); return out; });
    const res = await bench(browser, 'ner', { sentences: test.map((s) => s.chars.join('')) });
    let correct = 0, predicted = 0, goldN = 0;
    res.spans.forEach((ps, i) => { const g = new Set(gold[i]); goldN += g.size;
      for (const [a, b, k] of ps) { predicted++; if (g.has(`${a},${b},${k}`)) correct++; } });
    const p = correct / predicted, r = correct / goldN;
    // Import + extraction in the page: MSRA text grouped into 20-sentence articles.
    const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-bench-'));
    for (const mb of only === 'startup' ? [] : [1, 10]) {
      const lines = []; let bytes = 0;
      for (let i = 0; bytes < mb * 1024 * 1024; i += 20) {
        const text = sents.slice(i % 50000, (i % 50000) + 20).map((x) => x.chars.join('')).join('\n');
        const line = JSON.stringify({ title: `msra-${i}`, text });
        lines.push(line); bytes += Buffer.byteLength(line) + 1;
      }
      const f = path.join(dir, `msra-${mb}mb.jsonl`);
      writeFileSync(f, lines.join('\n') + '\n');
      const { page, context } = await open(browser);
      await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
      await page.evaluate(() => { window.__frames = []; let last = performance.now();
        const loop = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(loop); }; requestAnimationFrame(loop); });
      const t0 = Date.now();
      await page.setInputFiles('[data-testid=import]', [f]);
      await page.waitForFunction(() => /Extracted \d+ articles/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 600000 });
      const ms = Date.now() - t0;
      const frames = (await page.evaluate(() => window.__frames)).sort((a, b) => a - b);
      const med = frames[Math.floor(frames.length / 2)], p95 = frames[Math.floor(frames.length * 0.95)];
      console.log(`import ${mb} MB (${lines.length} articles): ${(ms / 1000).toFixed(1)} s to a drawn graph; frame interval during it median ${med.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
      await context.close();
    }
    console.log(`wasm NER on MSRA test: P ${p.toFixed(4)} R ${r.toFixed(4)} F1 ${(2 * p * r / (p + r)).toFixed(4)}; ` +
      `${Math.round(res.metrics.ner_chars_per_s.value)} chars/s (best of 3 passes; first pass ` +
      `${Math.round(res.metrics.ner_first_pass_chars_per_s?.value ?? 0)}); model load ${res.metrics.model_load_ms.value.toFixed(1)} ms on the main thread, all in one task as soon as inflated ` +
      `(after the browser inflated it in ${res.metrics.model_inflate_ms.value?.toFixed(1)} ms, in the browser's own tasks), ` +
      `lexicons ${res.metrics.lexicons_load_ms.value.toFixed(1)} ms`);
  }
} finally {
  await browser.close();
}
