/**
 * Raw TCP clients for the hardening specs: requests no HTTP library would send (huge or countless
 * headers, bodies that trickle or stall), and the memory of a server of our own (started by lib/testing/server.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export interface SocketResult {
  /** The status of the first response line, or null if the server sent none. */
  status: number | null;
  response: string;
  /** Whether the server closed the connection (rather than our time limit ending it). */
  closedByServer: boolean;
  afterMs: number;
}

/**
 * Connects, lets `talk` write whatever it likes, and collects the answer until the server closes
 * the connection or `limitMs` passes. `talk` gets a `closed()` check so it can stop writing.
 */
export function rawSocket(port: number, talk: (socket: net.Socket, closed: () => boolean) => void, limitMs: number): Promise<SocketResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const response = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(response);
      resolve({ status: status ? Number(status[1]) : null, response, closedByServer, afterMs: Date.now() - started });
      socket.destroy();
    };
    const timer = setTimeout(() => finish(false), limitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    // EPIPE / ECONNRESET once the server has hung up: the close event reports it.
    socket.on('error', () => undefined);
    socket.on('connect', () => talk(socket, () => done || socket.destroyed));
  });
}

/** Sends `bytes` of body to `url` in 64 KB writes, respecting backpressure, until all is sent or the server hangs up. */
export function pushBody(
  url: URL,
  options: { method: string; headers: Record<string, string>; bytes: number; chunked: boolean },
): Promise<{ status: number | null; bytesWritten: number }> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const headers = { ...options.headers, ...(options.chunked ? {} : { 'content-length': String(options.bytes) }) };
    const req = http.request(url, { method: options.method, headers, agent: false });
    let status: number | null = null;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      resolve({ status, bytesWritten: req.socket?.bytesWritten ?? 0 });
    };
    // A hostile client: an early answer does not stop it; only the server hanging up does.
    req.on('response', (res) => {
      status = res.statusCode ?? null;
      res.resume();
      res.on('end', () => {
        if (req.writableEnded) settle();
      });
    });
    req.on('finish', () => {
      if (status !== null) settle();
    });
    req.on('error', settle);
    req.on('close', settle);
    let sent = 0;
    const write = () => {
      while (sent < options.bytes && !req.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, options.bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', write);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    write();
  });
}

/** Resident memory of a process, in bytes (Linux /proc). */
export function residentBytes(pid: number): number {
  const line = /^VmRSS:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(line[1]) * 1024;
}
