/**
 * Main's folders depend on each other in one direction: the outbox and the sync engine share the service (main/remote)
 * and the waiting rules (main/scheduling) from folders of their own, so neither imports the other's internals back.
 * Read from the source's import lines, so a new import that closes a loop fails here, not in review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const mainRoot = resolve('main');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The main/ folder a file belongs to ("outbox" for main/outbox/outbox.ts), or undefined outside main/ folders. */
function mainFolder(file: string): string | undefined {
  const parts = relative(mainRoot, file).split(/[\\/]/);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

const importPattern = /^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm;

/** Folder → the other main/ folders its files import (type-only imports included: they tie the design as much). */
function folderGraph(files: readonly string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = mainFolder(file);
    if (from === undefined) continue;
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const to = mainFolder(resolve(dirname(file), match[1] ?? ''));
      if (to !== undefined && to !== from) targets.add(to);
    }
  }
  return graph;
}

/** Every folder path that leads from `start` back to itself, as "a → b → a". */
function cyclesThrough(graph: Map<string, Set<string>>, start: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, path: string[]) => {
    for (const next of graph.get(folder) ?? []) {
      if (next === start) found.push([...path, next].join(' → '));
      else if (!path.includes(next)) walk(next, [...path, next]);
    }
  };
  walk(start, [start]);
  return found;
}

describe("main's folders", () => {
  const graph = folderGraph(sourceFiles(mainRoot));

  it.each(['outbox', 'sync', 'remote', 'scheduling'])('%s is on no import cycle between folders', (folder) => {
    expect(graph.has(folder)).toBe(true);
    expect(cyclesThrough(graph, folder)).toEqual([]);
  });

  it('the outbox uses the shared service and scheduling, never the sync engine', () => {
    const outboxImports = [...(graph.get('outbox') ?? [])];
    expect(outboxImports).not.toContain('sync');
    expect(outboxImports).toEqual(expect.arrayContaining(['remote', 'scheduling']));
  });

  it('finds a cycle when one is there', () => {
    const looped = new Map([
      ['outbox', new Set(['sync'])],
      ['sync', new Set(['outbox'])],
    ]);
    expect(cyclesThrough(looped, 'outbox')).toEqual(['outbox → sync → outbox']);
  });
});
