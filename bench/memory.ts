/**
 * Memory readings for the 1 000 000×10 case: resident set size after each contender loads the data and runs
 * once, and the process's peak RSS then. A full GC before each reading keeps garbage out of the deltas.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** V8's gc(), reachable without a command-line flag (the flag only has to be set before a context is made). */
const gc = runInNewContext('gc') as () => void;

/** Runs a full, synchronous garbage collection. */
export function collectGarbage(): void {
  gc();
}

/** Current RSS in bytes, after a full GC. */
export function rssAfterGc(): number {
  gc();
  return process.memoryUsage().rss;
}

/** Peak RSS of the whole process so far, in bytes (getrusage's ru_maxrss). */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** RSS growth attributed to one contender at the memory-measured size. */
export interface MemoryEntry {
  readonly id: string;
  /** RSS growth in bytes while this contender copied the data and ran one fit (incremental, approximate). */
  readonly rssGrowth: number;
}

/** The memory section of the report. */
export interface MemoryReport {
  readonly size: string;
  /** RSS with the problem's Float64Arrays (X and y) allocated, before any contender loads them. */
  readonly baseline: number;
  readonly entries: MemoryEntry[];
  /** RSS with every contender loaded. */
  readonly allLoaded: number;
  /** Process peak RSS when all were loaded (it includes garbage made during the fits, before the GC). */
  readonly peak: number;
}
