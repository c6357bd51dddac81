import { describe, expect, it } from 'vitest';
import { formatLine, maskText } from './log';

describe('structured log lines', () => {
  it('is one JSON object with time, level, message and the event fields', () => {
    const line = JSON.parse(formatLine('warn', 'store unavailable', { where: 'GET /api/comments', reason: 'SQLITE_BUSY' }));
    expect(line).toMatchObject({ level: 'warn', msg: 'store unavailable', where: 'GET /api/comments', reason: 'SQLITE_BUSY' });
    expect(Date.parse(line.time)).not.toBeNaN();
  });

  it('drops the values of fields named like secrets, at any depth', () => {
    const text = formatLine('info', 'x', { password: 'hunter2-secret', nested: { csrfToken: 'abc123', authorEmail: 'a@b.example', ip: '203.0.113.9' } });
    expect(text).not.toMatch(/hunter2|abc123|a@b\.example|203\.0\.113\.9/);
    expect(JSON.parse(text).nested).toEqual({ csrfToken: '[redacted]', authorEmail: '[redacted]', ip: '[redacted]' });
  });

  it('masks email and IPv4 addresses inside messages and error text', () => {
    const error = new Error('duplicate key for ann@example.com from 198.51.100.7');
    const text = formatLine('error', 'sign-in for bob@example.org failed', { error });
    expect(text).not.toMatch(/ann@example\.com|bob@example\.org|198\.51\.100\.7/);
    expect(JSON.parse(text).error).toMatchObject({ name: 'Error', message: 'duplicate key for [email] from [ip]' });
  });

  it('leaves package paths with @ alone', () => {
    expect(maskText('at node_modules/@vitest/runner/dist/index.js:1:2')).toBe('at node_modules/@vitest/runner/dist/index.js:1:2');
  });

  it('writes verbatim only the fields an operator must copy as is', () => {
    const line = JSON.parse(formatLine('info', 'setup', { note: 'from 127.0.0.1' }, { setupLink: 'http://127.0.0.1:3000/editor/setup?token=t' }));
    expect(line).toMatchObject({ note: 'from [ip]', setupLink: 'http://127.0.0.1:3000/editor/setup?token=t' });
  });
});
