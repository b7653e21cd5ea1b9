import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import { SERVER_NODE_FLAGS } from '../../server/node-flags';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The real server as its own process on a free port: from source through tsx (tests), or the
 * prebuilt bundle `npm run build:server` makes (benchmarks: tsx's in-process compiler costs memory),
 * or another bundle by its path (bench/server-ab.ts compares two).
 */
export async function startServer(
  env: Record<string, string>,
  entry: 'source' | 'bundle' | `${string}.mjs` = 'source',
): Promise<RunningServer> {
  const args = [
    ...SERVER_NODE_FLAGS,
    // A diagnostic door: SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server a benchmark starts.
    ...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ...(entry === 'source' ? ['--import', 'tsx', 'server/index.ts'] : [entry === 'bundle' ? '.output/server/index.mjs' : entry]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start: ${output.join('')}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const line = output
        .join('')
        .split('\n')
        .find((l) => l.includes('"listening"'));
      if (line) {
        clearTimeout(timer);
        done((JSON.parse(line) as { url: string }).url);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', (code) => fail(new Error(`server exited ${code}: ${output.join('')}`)));
  });
  return {
    url,
    child,
    output,
    stop: (signal = 'SIGTERM') =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill(signal);
      }),
  };
}

/** A WebSocket client that keeps every message it receives. */
export async function liveClient(
  url: string,
  token: string,
): Promise<{ ws: WebSocket; messages: Array<Record<string, unknown>>; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/live?token=${encodeURIComponent(token)}`);
  const messages: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((done) =>
    ws.on('close', (code, reason) => done({ code, reason: String(reason) })),
  );
  await new Promise<void>((done, fail) => {
    const wait = setInterval(() => {
      if (messages.some((m) => m.type === 'hello')) {
        clearInterval(wait);
        done();
      }
    }, 10);
    const refuse = (why: string) => {
      clearInterval(wait);
      fail(new Error(why));
    };
    ws.once('error', (error) => refuse(String(error)));
    void closed.then(({ code, reason }) => refuse(`closed ${code} ${reason}`));
  });
  return { ws, messages, closed };
}
