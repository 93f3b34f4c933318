/**
 * Benchmarks write their results into docs/benchmarks.md, each into its own `## ` section
 * (replaced on a rerun, others kept), so one file holds every number with its command.
 */
import { readFile, writeFile } from 'node:fs/promises';

const BENCHMARKS = new URL('../../docs/benchmarks.md', import.meta.url);

/** Replaces the section whose heading is `heading` (a `## ` line) with `section`, or appends it. */
export async function writeBenchmarkSection(heading: string, section: string): Promise<void> {
  const current = await readFile(BENCHMARKS, 'utf8').catch(() => '# Benchmarks\n\n');
  const start = current.indexOf(`${heading}\n`);
  const end = start === -1 ? -1 : current.indexOf('\n## ', start + heading.length);
  const body = `${section.trimEnd()}\n`;
  const next =
    start === -1 ? `${current.trimEnd()}\n\n${body}` : `${current.slice(0, start)}${body}${end === -1 ? '' : current.slice(end)}`;
  await writeFile(BENCHMARKS, next);
}
