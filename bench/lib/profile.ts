import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface HotSpot {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  /** Busy (non-idle) time: the shares below are of this. */
  totalMs: number;
  /** Where the CPU was when sampled, by package or source folder. */
  selfByArea: HotSpot[];
  /** Functions with the most self time. */
  selfByFunction: HotSpot[];
  /** Functions with the most inclusive time (self + callees), counted once per stack. */
  inclusiveByFunction: HotSpot[];
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function shortUrl(url: string): string {
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}

function area(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.replace(/^node:internal\/([^/]+).*/, 'node:internal/$1');
  const file = shortUrl(url);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return `npm:${pkg[1]}`;
  const parts = file.split('/');
  return parts.slice(0, Math.min(parts.length - 1, 4)).join('/') || file;
}

function label(frame: CallFrame): string {
  const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

function top(map: Map<string, number>, totalMs: number, count: number): HotSpot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), share: ms / totalMs }));
}

/** Reads a `.cpuprofile` written by `node --cpu-prof` and says where the time went. */
export function summarizeProfile(file: string, count = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const msPerHit = totalHits > 0 ? wallMs / totalHits : 0;
  const idleHits = profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  // Shares are of the time the thread was busy: idle time says nothing about where the CPU goes.
  const totalMs = (totalHits - idleHits) * msPerHit;

  const selfByArea = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

  // Depth-first with the keys already on the stack, so recursion is counted once.
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id);
    if (!node) return 0;
    const self = (node.hitCount ?? 0) * msPerHit;
    const key = label(node.callFrame);
    add(selfByArea, area(node.callFrame), self);
    add(selfByFunction, key, self);
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    let total = self;
    for (const child of node.children ?? []) total += walk(child, onStack);
    if (fresh) {
      onStack.delete(key);
      add(inclusive, key, total);
    }
    return total;
  };
  const root = profile.nodes[0];
  if (root) walk(root.id, new Set());

  for (const excluded of ['(root) ', '(root)', '(program)', '(idle)']) inclusive.delete(excluded);
  for (const map of [selfByArea, selfByFunction]) map.delete('(idle)');
  return {
    file,
    wallMs,
    totalMs,
    selfByArea: top(selfByArea, totalMs, count),
    selfByFunction: top(selfByFunction, totalMs, count),
    inclusiveByFunction: top(inclusive, totalMs, count),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  const section = (title: string, spots: HotSpot[]) => [`  ${title}`, ...spots.map((s) => `    ${pct(s.share)}  ${String(s.ms).padStart(6)} ms  ${s.name}`)];
  return [
    `CPU profile ${path.relative(process.cwd(), summary.file)} (${Math.round(summary.wallMs)} ms wall, ${Math.round(summary.totalMs)} ms busy; shares are of busy time)`,
    ...section('self time by area', summary.selfByArea.slice(0, 15)),
    ...section('self time by function', summary.selfByFunction),
    ...section('inclusive time by function', summary.inclusiveByFunction),
  ].join('\n');
}
