/**
 * Upload benchmark: how much the app's memory (RSS) grows while it uploads a 50 MB file the way the app ships it
 * (MediaUploader: content check, streamed hash, streamed multipart over node:http with progress), next to the naive
 * way (read the file into a Buffer, then send it), and whether the last progress event matches what the server
 * received. The server is a small counting node:http server in its own process, and each upload runs in a fresh
 * client process, so only the uploading side's memory is measured. Run alone: `npx tsx bench/upload.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ok } from '../common/result';
import { ApiClient } from '../main/api/client';
import { PickedFiles } from '../main/media/picked-files';
import { UploadMemory } from '../main/media/upload-memory';
import { MediaUploader } from '../main/media/uploader';
import type { BenchFigures } from './figures';

const FILE_BYTES = 50 * 1024 * 1024;
const RUNS_PER_WAY = 5;
const MB = 1024 * 1024;
const SAMPLE_INTERVAL_MS = 2;
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);

type Way = 'streamed' | 'buffered';

const ClientReport = z.object({ rssGrowthBytes: z.number(), lastProgressBytes: z.number().nullable(), ok: z.boolean(), error: z.string().optional() });
type ClientReport = z.infer<typeof ClientReport>;
const ServerLine = z.union([z.object({ port: z.number() }), z.object({ received: z.number(), fileBytes: z.number() })]);

/**
 * The counting server, as plain JavaScript for `node -e`: it counts the body's bytes without keeping them, works out
 * how many were the file (the body minus the multipart head and closing boundary), prints both, and answers a
 * media object.
 */
const COUNTING_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  let received = 0;
  let head = -1;
  let start = Buffer.alloc(0);
  req.on('data', (chunk) => {
    received += chunk.length;
    if (head === -1 && start.length < 8192) {
      start = Buffer.concat([start, chunk.subarray(0, 8192)]);
      const end = start.indexOf('\\r\\n\\r\\n');
      if (end !== -1) head = end + 4;
    }
  });
  req.on('end', () => {
    const boundary = /boundary=(.+)$/.exec(req.headers['content-type'] || '');
    const tail = boundary ? Buffer.byteLength('\\r\\n--' + boundary[1] + '--\\r\\n') : 0;
    const fileBytes = received - Math.max(head, 0) - tail;
    process.stdout.write(JSON.stringify({ received, fileBytes }) + '\\n');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ _id: 'bench', type: 'file', mime_type: 'application/pdf', full_size: fileBytes,
      file_name: 'bench.pdf', url: 'http://127.0.0.1/api/media/enterprise/bench' }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
`;

interface CountingServer {
  baseUrl: string;
  /** The next request's counts, once its body has ended. */
  nextRequest(): Promise<{ received: number; fileBytes: number }>;
  close(): void;
}

async function startCountingServer(): Promise<CountingServer> {
  const child = spawn(process.execPath, ['-e', COUNTING_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the counting server stopped');
    return ServerLine.parse(JSON.parse(line.value));
  };
  const first = await nextLine();
  if (!('port' in first)) throw new Error('the counting server did not say its port');
  return {
    baseUrl: `http://127.0.0.1:${first.port}`,
    nextRequest: async () => {
      const line = await nextLine();
      if ('port' in line) throw new Error('unexpected line from the counting server');
      return line;
    },
    close: () => child.kill(),
  };
}

/** A 50 MB file the app accepts (a PDF by its header) with varied bytes, so nothing about it compresses or dedupes. */
function writeTestFile(dir: string): string {
  const file = path.join(dir, 'bench.pdf');
  const bytes = Buffer.alloc(FILE_BYTES);
  bytes.write('%PDF-1.4\n', 0, 'latin1');
  let state = 0x9e3779b9;
  for (let offset = 16; offset + 4 <= FILE_BYTES; offset += 4) {
    state = (state * 1664525 + 1013904223) >>> 0;
    bytes.writeUInt32LE(state, offset);
  }
  writeFileSync(file, bytes);
  return file;
}

function runClient(way: Way, baseUrl: string, file: string): Promise<ClientReport> {
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', thisFile, '--client', way, baseUrl, file], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return once(child, 'exit').then(() => ClientReport.parse(JSON.parse(output.trim().split('\n').at(-1) ?? '{}')));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function benchUpload(): Promise<BenchFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-upload-'));
  const server = await startCountingServer();
  try {
    const file = writeTestFile(dir);
    const growth: Record<Way, number[]> = { streamed: [], buffered: [] };
    const progressGaps: number[] = [];
    for (let run = 0; run < RUNS_PER_WAY; run += 1) {
      for (const way of ['streamed', 'buffered'] as const) {
        const counted = server.nextRequest();
        const report = await runClient(way, server.baseUrl, file);
        if (!report.ok) throw new Error(`the ${way} upload failed: ${report.error ?? 'no reason'}`);
        const { received, fileBytes } = await counted;
        growth[way].push(report.rssGrowthBytes / MB);
        if (way === 'streamed') {
          const last = report.lastProgressBytes ?? 0;
          progressGaps.push((Math.abs(fileBytes - last) / fileBytes) * 100);
          console.log(
            `  run ${run + 1}: streamed +${(report.rssGrowthBytes / MB).toFixed(1)} MB; last progress ${last} B, server received ` +
              `${received} B (${fileBytes} B of file): gap ${(((fileBytes - last) / fileBytes) * 100).toFixed(4)}% of the file, ` +
              `${(((received - last) / received) * 100).toFixed(4)}% of the body`,
          );
        } else {
          console.log(`  run ${run + 1}: buffered +${(report.rssGrowthBytes / MB).toFixed(1)} MB`);
        }
      }
    }
    const value = median(growth.streamed);
    const baseline = median(growth.buffered);
    console.log(
      `  RSS growth MB, streamed: ${growth.streamed.map((mb) => mb.toFixed(1)).join(', ')}; ` +
        `buffered: ${growth.buffered.map((mb) => mb.toFixed(1)).join(', ')}`,
    );
    return {
      'upload.rss_growth_50mb': { value: round(value), unit: 'MB', baseline: round(baseline), ratio: round(value / baseline, 3) },
      'upload.progress_final_gap': { value: round(Math.max(...progressGaps), 4), unit: '%' },
    };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the measured client, run in a fresh process per upload ---------------------------------------------------

/** Samples RSS until stopped, answering the peak. */
function rssPeakSampler(): { stop(): number; sample(): void } {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

/** What ships: the uploader, through the typed client, with progress. */
async function uploadStreamed(baseUrl: string, file: string): Promise<ClientReport> {
  const api = new ApiClient({ baseUrl, authenticator: { currentToken: async () => ok('bench'), renewAfterRejection: async () => ok('bench') } });
  let lastProgressBytes: number | null = null;
  // Main reads only files the agent picked: the bench picks its file as the preload would.
  const picked = new PickedFiles();
  const reference = picked.register(file);
  if (reference === undefined) throw new Error(`not an absolute path: ${file}`);
  const uploader = new MediaUploader({
    api,
    account: () => 'bench',
    memory: new UploadMemory(),
    onProgress: (progress) => (lastProgressBytes = progress.sentBytes),
    mode: 'electron',
    picked,
  });
  settle();
  const before = process.memoryUsage.rss();
  const sampler = rssPeakSampler();
  const result = await uploader.upload({ path: reference, channelType: 'WA' });
  const peak = sampler.stop();
  api.close();
  return { rssGrowthBytes: peak - before, lastProgressBytes, ok: result.ok, ...(result.ok ? {} : { error: result.error.message }) };
}

/** The naive way: the whole file read into memory, then the same multipart request written from that Buffer. */
async function uploadBuffered(baseUrl: string, file: string): Promise<ClientReport> {
  settle();
  const before = process.memoryUsage.rss();
  const sampler = rssPeakSampler();
  const bytes = await readFile(file);
  sampler.sample();
  const boundary = '----bench-baseline';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(`${baseUrl}/api/media`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + bytes.length + tail.length },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.write(head);
    request.write(bytes);
    request.end(tail);
  });
  const peak = sampler.stop();
  return { rssGrowthBytes: peak - before, lastProgressBytes: null, ok: status === 200 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [flag, way, baseUrl, file] = process.argv.slice(2);
  if (flag === '--client' && baseUrl && file) {
    const report = way === 'buffered' ? await uploadBuffered(baseUrl, file) : await uploadStreamed(baseUrl, file);
    console.log(JSON.stringify(report));
  } else {
    for (const [name, figure] of Object.entries(await benchUpload())) {
      const comparison = figure.baseline === undefined ? '' : `  (baseline ${figure.baseline} ${figure.unit}, ratio ${figure.ratio})`;
      console.log(`${name}: ${figure.value} ${figure.unit}${comparison}`);
    }
  }
}
