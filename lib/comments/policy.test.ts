import { describe, expect, it } from 'vitest';
import { moderationDefaults } from './config';
import { judgeComment, type PolicyInput } from './policy';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const base: PolicyInput = {
  name: 'Ann',
  email: 'ann@example.com',
  body: 'A thoughtful comment about water sharing.',
  honeypot: '',
  tokenIssuedAt: NOW - 60_000,
  now: NOW,
  knownAuthor: false,
};
const judge = (overrides: Partial<PolicyInput>, config = moderationDefaults) => judgeComment({ ...base, ...overrides }, config);

describe('judgeComment', () => {
  it('holds a first-time commenter for moderation', () => {
    expect(judge({})).toEqual({ status: 'pending', reason: 'first comment from this name and email' });
  });

  it('approves a commenter whose name and email already have an approved comment', () => {
    expect(judge({ knownAuthor: true })).toEqual({ status: 'approved', reason: null });
  });

  it('holds known commenters too when auto-approval is switched off', () => {
    expect(judge({ knownAuthor: true }, { ...moderationDefaults, autoApproveKnownAuthors: false }).status).toBe('pending');
  });

  it('marks a filled-in honeypot as spam', () => {
    expect(judge({ honeypot: '12 Main St', knownAuthor: true })).toEqual({ status: 'spam', reason: 'honeypot field filled in' });
  });

  it.each([
    ['body', { body: 'Great deals: BUY FOLLOWERS today' }],
    ['name', { name: 'Buy Followers Inc' }],
    ['email', { email: 'replica watches@example.com' }],
    ['url', { url: 'https://example.com/xxx porn' }],
  ])('marks a blocked keyword in the %s as spam', (_field, overrides) => {
    expect(judge({ ...overrides, knownAuthor: true }).status).toBe('spam');
  });

  it('holds a comment with two links, even from a known commenter', () => {
    expect(judge({ body: 'See https://a.example and https://b.example', knownAuthor: true })).toEqual({ status: 'pending', reason: 'contains 2 links' });
  });

  it('lets one link through', () => {
    expect(judge({ body: 'Source: https://a.example/report', knownAuthor: true }).status).toBe('approved');
  });

  it('holds a moderation keyword in any field', () => {
    expect(judge({ url: 'https://best-casino.example', knownAuthor: true })).toEqual({ status: 'pending', reason: 'moderation keyword "casino"' });
  });

  it('holds a comment submitted less than 3 seconds after the form was issued', () => {
    expect(judge({ tokenIssuedAt: NOW - 1500, knownAuthor: true })).toEqual({ status: 'pending', reason: 'submitted 1.5 s after the form was issued' });
  });

  it('holds a comment whose form token is older than 24 hours', () => {
    expect(judge({ tokenIssuedAt: NOW - 25 * 3_600_000, knownAuthor: true })).toEqual({ status: 'pending', reason: 'form token older than 24 h' });
  });

  it('holds a comment whose form token could not be verified', () => {
    expect(judge({ tokenIssuedAt: null, knownAuthor: true })).toEqual({ status: 'pending', reason: 'form token could not be verified' });
  });

  it('accepts a token exactly 3 seconds old', () => {
    expect(judge({ tokenIssuedAt: NOW - 3000, knownAuthor: true }).status).toBe('approved');
  });

  it.each([
    ['Cyrillic с and а inside it', 'visit my саsino site'],
    ['a zero-width space inside it', 'visit my cas\u200bino site'],
  ])('holds a moderation keyword written with %s, even from a known commenter', (_case, body) => {
    expect(judge({ body, knownAuthor: true })).toEqual({ status: 'pending', reason: 'moderation keyword "casino"' });
  });

  it('marks a blocked keyword with one Cyrillic о as spam', () => {
    expect(judge({ body: 'buy fоllowers now', knownAuthor: true })).toEqual({ status: 'spam', reason: 'blocked keyword "buy followers"' });
  });

  it('does not join two fields into one phrase', () => {
    expect(judge({ name: 'Buy', body: 'followers of the debate will know', knownAuthor: true }).status).toBe('approved');
  });

  it.each([
    'Хор рос, а сосна у моря сохнет.',
    'Қазақстан мен Өзбекстан су бөлісу туралы келісімге қол қойды.',
    'Türkmenistan bilen Özbegistan suw paýlaşmak barada ylalaşdy.',
    'Oʻzbekiston va Qozogʻiston suv boʻyicha kelishdi.',
  ])('approves an ordinary sentence from a known commenter: %s', (body) => {
    expect(judge({ body, knownAuthor: true })).toEqual({ status: 'approved', reason: null });
  });

  it('does not hold a Russian word whose letters look like a Latin keyword', () => {
    const config = { ...moderationDefaults, moderationKeywords: ['xop', 'cop'] };
    expect(judge({ body: 'Хор пел, а сор убрали.', knownAuthor: true }, config).status).toBe('approved');
    expect(judge({ body: 'Хор пел, а cор убрали.', knownAuthor: true }, config)).toEqual({ status: 'pending', reason: 'moderation keyword "cop"' });
  });
});
