import { describe, expect, it } from 'vitest';
import { moderationDefaults } from './config';
import { judgeComment, type PolicyInput } from './policy';

const NOW = Date.parse('2026-05-01T12:00:00Z');
/** A commenter with one approved comment from this browser: trusted under the defaults. */
const TRUSTED = { approved: 1, rejected: 0, alwaysHold: false };
const base: PolicyInput = {
  name: 'Ann',
  email: 'ann@example.com',
  body: 'A thoughtful comment about water sharing.',
  honeypot: '',
  tokenIssuedAt: NOW - 60_000,
  now: NOW,
  standing: { approved: 0, rejected: 0, alwaysHold: false },
};
const judge = (overrides: Partial<PolicyInput>, config = moderationDefaults) => judgeComment({ ...base, ...overrides }, config);

describe('judgeComment', () => {
  it('holds a first-time commenter for moderation', () => {
    expect(judge({})).toEqual({ status: 'pending', reason: 'first comment from this commenter (no approved comment from this browser and email)' });
  });

  it('approves a commenter with an approved comment from this browser and email', () => {
    expect(judge({ standing: TRUSTED })).toEqual({ status: 'approved', reason: null });
  });

  it('holds known commenters too when auto-approval is switched off', () => {
    expect(judge({ standing: TRUSTED }, { ...moderationDefaults, autoApproveKnownAuthors: false }).status).toBe('pending');
  });

  it('marks a filled-in honeypot as spam', () => {
    expect(judge({ honeypot: '12 Main St', standing: TRUSTED })).toEqual({ status: 'spam', reason: 'honeypot field filled in' });
  });

  it.each([
    ['body', { body: 'Great deals: BUY FOLLOWERS today' }],
    ['name', { name: 'Buy Followers Inc' }],
    ['email', { email: 'replica watches@example.com' }],
    ['url', { url: 'https://example.com/xxx porn' }],
  ])('marks a blocked keyword in the %s as spam', (_field, overrides) => {
    expect(judge({ ...overrides, standing: TRUSTED }).status).toBe('spam');
  });

  it('holds a comment with two links, even from a known commenter', () => {
    expect(judge({ body: 'See https://a.example and https://b.example', standing: TRUSTED })).toEqual({ status: 'pending', reason: 'contains 2 links' });
  });

  it('lets one link through', () => {
    expect(judge({ body: 'Source: https://a.example/report', standing: TRUSTED }).status).toBe('approved');
  });

  it('holds a moderation keyword in any field', () => {
    expect(judge({ url: 'https://best-casino.example', standing: TRUSTED })).toEqual({ status: 'pending', reason: 'moderation keyword "casino"' });
  });

  it('holds a comment submitted less than 3 seconds after the form was issued', () => {
    expect(judge({ tokenIssuedAt: NOW - 1500, standing: TRUSTED })).toEqual({ status: 'pending', reason: 'submitted 1.5 s after the form was issued' });
  });

  it('holds a comment whose form token is older than 24 hours', () => {
    expect(judge({ tokenIssuedAt: NOW - 25 * 3_600_000, standing: TRUSTED })).toEqual({ status: 'pending', reason: 'form token older than 24 h' });
  });

  it('holds a comment whose form token could not be verified', () => {
    expect(judge({ tokenIssuedAt: null, standing: TRUSTED })).toEqual({ status: 'pending', reason: 'form token could not be verified' });
  });

  it('accepts a token exactly 3 seconds old', () => {
    expect(judge({ tokenIssuedAt: NOW - 3000, standing: TRUSTED }).status).toBe('approved');
  });

  it.each([
    ['Cyrillic с and а inside it', 'visit my саsino site'],
    ['a zero-width space inside it', 'visit my cas\u200bino site'],
  ])('holds a moderation keyword written with %s, even from a known commenter', (_case, body) => {
    expect(judge({ body, standing: TRUSTED })).toEqual({ status: 'pending', reason: 'moderation keyword "casino"' });
  });

  it('marks a blocked keyword with one Cyrillic о as spam', () => {
    expect(judge({ body: 'buy fоllowers now', standing: TRUSTED })).toEqual({ status: 'spam', reason: 'blocked keyword "buy followers"' });
  });

  it('does not join two fields into one phrase', () => {
    expect(judge({ name: 'Buy', body: 'followers of the debate will know', standing: TRUSTED }).status).toBe('approved');
  });

  it.each([
    'Хор рос, а сосна у моря сохнет.',
    'Қазақстан мен Өзбекстан су бөлісу туралы келісімге қол қойды.',
    'Türkmenistan bilen Özbegistan suw paýlaşmak barada ylalaşdy.',
    'Oʻzbekiston va Qozogʻiston suv boʻyicha kelishdi.',
  ])('approves an ordinary sentence from a known commenter: %s', (body) => {
    expect(judge({ body, standing: TRUSTED })).toEqual({ status: 'approved', reason: null });
  });

  it('does not hold a Russian word whose letters look like a Latin keyword', () => {
    const config = { ...moderationDefaults, moderationKeywords: ['xop', 'cop'] };
    expect(judge({ body: 'Хор пел, а сор убрали.', standing: TRUSTED }, config).status).toBe('approved');
    expect(judge({ body: 'Хор пел, а cор убрали.', standing: TRUSTED }, config)).toEqual({ status: 'pending', reason: 'moderation keyword "cop"' });
  });
});

describe('graduated trust', () => {
  const standing = (approved: number, rejected = 0, alwaysHold = false) => ({ standing: { approved, rejected, alwaysHold } });
  const config = { ...moderationDefaults, trustAfterApproved: 3, holdAfterRejected: 2 };

  it('holds a commenter until N comments were approved, then approves at once', () => {
    expect(judge(standing(0), config)).toEqual({ status: 'pending', reason: 'first comment from this commenter (no approved comment from this browser and email)' });
    expect(judge(standing(2), config)).toEqual({ status: 'pending', reason: '2 of the 3 approved comments needed for auto-approval' });
    expect(judge(standing(3), config)).toEqual({ status: 'approved', reason: null });
  });

  it('holds a trusted commenter again at M rejected or spam comments in the window', () => {
    expect(judge(standing(10, 1), config).status).toBe('approved');
    expect(judge(standing(10, 2), config)).toEqual({ status: 'pending', reason: '2 comments rejected or marked spam in the last 30 days' });
  });

  it('holds at one rejection by default, and never for rejections with M = 0', () => {
    expect(judge(standing(5, 1))).toEqual({ status: 'pending', reason: '1 comment rejected or marked spam in the last 30 days' });
    expect(judge(standing(5, 9), { ...moderationDefaults, holdAfterRejected: 0 }).status).toBe('approved');
  });

  it('holds every comment of an email an editor marked "always hold", however trusted', () => {
    expect(judge(standing(50, 0, true))).toEqual({ status: 'pending', reason: 'an editor holds every comment from this email address' });
  });

  it('keeps the spam rules ahead of trust: a blocked keyword from an "always hold" commenter is spam', () => {
    expect(judge({ ...standing(0, 0, true), body: 'buy followers' }).status).toBe('spam');
  });
});
