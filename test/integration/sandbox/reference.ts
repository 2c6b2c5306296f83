/**
 * Reads the API reference (shared/spec/000_0f7d2e12e66a10f3.txt) the way a person would: each operation's method
 * and path, its example request body, its example responses, and the statuses its "Responses" table documents.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ReferenceOperation {
  method: string;
  /** As written, with `{param}`. */
  path: string;
  line: number;
  requestExample?: unknown;
  responseExamples: Map<number, unknown>;
  documentedStatuses: number[];
}

export const referencePath = fileURLToPath(new URL('../../../docs/api/reference.txt', import.meta.url));

/** The JSON value starting at `start` (lines are added until they parse), and the line after it. */
function readJson(lines: string[], start: number): { value: unknown; next: number } {
  let text = '';
  for (let index = start; index < Math.min(lines.length, start + 400); index++) {
    text += `${lines[index] ?? ''}\n`;
    try {
      return { value: JSON.parse(text), next: index + 1 };
    } catch {
      // Not complete yet.
    }
  }
  throw new Error(`No JSON value at line ${start + 1} of the reference`);
}

function nextNonEmpty(lines: string[], from: number): number {
  let index = from;
  while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  return index;
}

export function readReference(): ReferenceOperation[] {
  const lines = readFileSync(referencePath, 'utf8').split('\n');
  const operations: ReferenceOperation[] = [];
  let current: ReferenceOperation | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const header = /^(GET|POST|PUT|PATCH|DELETE) (\/api\/\S*)$/.exec(line);
    if (header?.[1] !== undefined && header[2] !== undefined) {
      current = { method: header[1], path: header[2], line: index + 1, responseExamples: new Map(), documentedStatuses: [] };
      operations.push(current);
      continue;
    }
    if (current === undefined) continue;
    const response = /^(\d{3}) Response$/.exec(line);
    if (line === 'Body parameter' || response !== null) {
      const start = nextNonEmpty(lines, index + 1);
      const { value, next } = readJson(lines, start);
      if (response?.[1] !== undefined) current.responseExamples.set(Number(response[1]), value);
      else current.requestExample = value;
      index = next - 1;
      continue;
    }
    if (line === 'Status Meaning Description') {
      for (let row = index + 1; row < lines.length; row++) {
        const status = /^(\d{3}) /.exec(lines[row] ?? '');
        if (status?.[1] === undefined) break;
        current.documentedStatuses.push(Number(status[1]));
      }
    }
  }
  return operations;
}
