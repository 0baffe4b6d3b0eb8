// Large graph JSON files for the e2e tests of big graphs (level of detail, analysis over frames).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const KINDS = ['person', 'place', 'organisation', 'programme'];

/** A graph JSON of `n` entities labelled `实体<i>`, each linked to up to three earlier ones
 * (preferring the well linked: scale-free), from a seeded generator; and the label of the least
 * important entity (fewest links, then the last). */
export function scaleFreeGraph(n, seed) {
  let s = seed;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const entities = [], relations = [], ends = [0], degree = new Array(n).fill(0);
  for (let i = 0; i < n; i++) {
    entities.push({ id: `e${i}`, kind: KINDS[i % 4], label: `实体${i}`, aliases: [], mentions: [] });
    for (let j = 0; j < Math.min(3, i); j++) {
      const t = ends[Math.floor(r() * ends.length)];
      if (t === i) continue;
      relations.push({ source: `e${i}`, target: `e${t}`, kind: 'co_occurs', weight: 1, evidence: [] });
      ends.push(i, t);
      degree[i]++; degree[t]++;
    }
  }
  const least = degree.reduce((best, d, i) => (d <= degree[best] ? i : best), 0);
  return { graph: { articles: [], entities, relations }, least: `实体${least}` };
}

/** Writes `graph` as JSON into a new temporary folder named after `tag`; the file's path. */
export function writeGraph(graph, tag) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), `guanxi-${tag}-`)), 'large.json');
  writeFileSync(file, JSON.stringify(graph));
  return file;
}
