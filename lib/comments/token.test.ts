import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

let token: typeof import('./token');

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-token-'));
  token = await import('./token');
});

describe('form tokens', () => {
  it('carry the time they were issued', () => {
    expect(token.readFormToken(token.issueFormToken(1_700_000_000_000))).toBe(1_700_000_000_000);
  });

  it('differ every time', () => {
    expect(token.issueFormToken(1)).not.toBe(token.issueFormToken(1));
  });

  it('are refused when the time is changed', () => {
    const [v, , nonce, sig] = token.issueFormToken(1_700_000_000_000).split('.');
    expect(token.readFormToken([v, (1_800_000_000_000).toString(36), nonce, sig].join('.'))).toBeNull();
  });

  it('are refused when damaged or foreign', () => {
    expect(token.readFormToken('')).toBeNull();
    expect(token.readFormToken('v1.abc.def')).toBeNull();
    expect(token.readFormToken(`${token.issueFormToken()}x`)).toBeNull();
    expect(token.readFormToken('v1.lx0.nonce.c2lnbmF0dXJl')).toBeNull();
  });

  it('make the secret file on first use with mode 0600', () => {
    const stat = fs.statSync(path.join(process.env.DATA_DIR!, 'secret'));
    expect(stat.mode & 0o777).toBe(0o600);
  });
});
