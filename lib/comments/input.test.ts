import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseCommentInput } from './input';

const valid = { article: 'story', name: 'Ann', email: 'Ann@Example.com', body: 'A fine comment.', token: 't' };

function fieldsOf(raw: unknown): Record<string, string> {
  try {
    parseCommentInput(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).fields ?? {};
  }
  throw new Error('expected the input to be refused');
}

describe('parseCommentInput', () => {
  it('accepts a valid comment, trimming and lower-casing the email', () => {
    expect(parseCommentInput({ ...valid, url: ' https://ann.example ', parentId: '' })).toMatchObject({
      email: 'ann@example.com',
      url: 'https://ann.example/',
      parentId: undefined,
      address: '',
    });
  });

  it('keeps paragraphs in the body and trims it', () => {
    expect(parseCommentInput({ ...valid, body: '  First line\r\nsecond\r\n\r\n\r\n\r\nThird  ' }).body).toBe('First line\nsecond\n\nThird');
  });

  it.each([
    ['name', { name: '' }, 'Please enter your name.'],
    ['name', { name: 'x'.repeat(81) }, 'Your name can be at most 80 characters.'],
    ['email', { email: 'not-an-email' }, 'Please enter a valid email address, like name@example.com.'],
    ['email', { email: `${'a'.repeat(250)}@x.io` }, 'Your email address can be at most 254 characters.'],
    ['url', { url: 'javascript:alert(1)' }, 'Your website must be an http:// or https:// address, like https://example.com.'],
    ['url', { url: 'ftp://files.example' }, 'Your website must be an http:// or https:// address, like https://example.com.'],
    ['url', { url: `https://example.com/${'a'.repeat(200)}` }, 'Your website address can be at most 200 characters.'],
    ['body', { body: '  hi   ' }, 'Your comment must be at least 3 characters long.'],
    ['body', { body: 'x'.repeat(5001) }, 'Your comment can be at most 5000 characters long.'],
    ['parentId', { parentId: '../etc' }, 'This reply target is not a comment.'],
  ])('names the %s field when it is invalid', (field, overrides, message) => {
    expect(fieldsOf({ ...valid, ...overrides })).toEqual({ [field]: message });
  });

  it('accepts a body of exactly 5000 characters after trimming', () => {
    expect(parseCommentInput({ ...valid, body: ` ${'x'.repeat(5000)} ` }).body).toHaveLength(5000);
  });

  it('names every missing field at once', () => {
    expect(Object.keys(fieldsOf({ token: 't' })).sort()).toEqual(['article', 'body', 'email', 'name']);
  });

  it('refuses unknown fields by name', () => {
    expect(fieldsOf({ ...valid, status: 'approved', ip: '1.2.3.4' })).toEqual({ status: 'This field is not accepted.', ip: 'This field is not accepted.' });
  });

  it('refuses a body that is not a JSON object', () => {
    expect(fieldsOf(['not', 'an', 'object'])).not.toEqual({});
  });
});

describe('internationalised addresses', () => {
  it('accepts a website and an email on a Cyrillic domain, in Unicode or ASCII form', () => {
    expect(parseCommentInput({ ...valid, url: 'https://пример.рф/статья', email: 'Reader@Пример.рф' })).toMatchObject({
      url: 'https://xn--e1afmkfd.xn--p1ai/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F',
      email: 'reader@xn--e1afmkfd.xn--p1ai',
    });
    expect(parseCommentInput({ ...valid, url: 'https://xn--e1afmkfd.xn--p1ai/', email: 'r@xn--80ao21a.xn--80ao21a' }).url).toBe('https://xn--e1afmkfd.xn--p1ai/');
  });

  it('accepts an IP-address website', () => {
    expect(parseCommentInput({ ...valid, url: 'http://203.0.113.5:8080/' }).url).toBe('http://203.0.113.5:8080/');
  });

  it.each(['https://example.com/ path', 'https://user:pass@example.com/', 'https://localhost/', 'https://-bad-.com/', 'mailto:x@example.com'])('refuses %j as a website', (url) => {
    expect(fieldsOf({ ...valid, url })).toEqual({ url: 'Your website must be an http:// or https:// address, like https://example.com.' });
  });

  it.each(['ann@localhost', 'ann@@example.com', 'ann example@example.com'])('refuses %j as an email', (email) => {
    expect(fieldsOf({ ...valid, email })).toEqual({ email: 'Please enter a valid email address, like name@example.com.' });
  });
});
