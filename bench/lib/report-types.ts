import type { Comparison } from './compare.ts';

export interface TargetCheck {
  description: string;
  measured: number;
  comparator: '>=' | '<=';
  target: number;
  unit: string;
  met: boolean;
}

export interface BenchmarkReport {
  id: 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'P1 calibration' | 'P1 floor';
  title: string;
  baselineName: string;
  subjectName: string;
  connections: number;
  comparison: Comparison;
  targets: TargetCheck[];
  /** Sanity facts gathered around the load (rows written, log lines, settings). */
  facts: Record<string, unknown>;
}

export interface RunContext {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  atlasLogLevel: string;
  /** Scratch folder for this run: SQLite files and access logs. */
  workDir: string;
  /** When set, the Atlas server runs with --cpu-prof and writes its profile here. */
  profileDir: string | undefined;
  log: (line: string) => void;
}

export function check(description: string, measured: number, comparator: '>=' | '<=', target: number, unit: string): TargetCheck {
  return { description, measured, comparator, target, unit, met: comparator === '>=' ? measured >= target : measured <= target };
}
