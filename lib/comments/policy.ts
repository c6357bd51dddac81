import type { ModerationConfig } from './config';
import type { CommenterStanding } from './store/types';
import { countLinks } from './links';
import { keywordMatcher, type KeywordMatcher, prepareText, type PreparedText } from './text-match';

export interface PolicyInput {
  name: string;
  email: string;
  url?: string;
  body: string;
  honeypot: string;
  /** When the form token was issued (ms), or null when it could not be verified. */
  tokenIssuedAt: number | null;
  now: number;
  /** The commenter's record, counted from the comments posted with their returning-commenter key. */
  standing: CommenterStanding;
}

export interface Verdict {
  status: 'pending' | 'approved' | 'spam';
  /** Why it was held or marked as spam; null when approved. */
  reason: string | null;
}

const matchers = new WeakMap<string[], KeywordMatcher[]>();

/** A keyword list prepared once per list (the config's arrays live as long as the process). */
function matchersFor(keywords: string[]): KeywordMatcher[] {
  let list = matchers.get(keywords);
  if (!list) matchers.set(keywords, (list = keywords.map(keywordMatcher).filter((m): m is KeywordMatcher => m !== null)));
  return list;
}

/**
 * The first keyword found in any field, compared in normalised form and through look-alike letters
 * (lib/comments/text-match.ts); each field on its own, so that a phrase never spans two fields.
 */
function findKeyword(keywords: string[], fields: PreparedText[]): string | undefined {
  return matchersFor(keywords).find((m) => fields.some((field) => m.matches(field)))?.keyword;
}

/**
 * Decides what happens to a new comment. Spam rules first (answered as if accepted), then the
 * reasons to hold a comment for moderation, then auto-approval of known commenters.
 */
export function judgeComment(input: PolicyInput, config: ModerationConfig): Verdict {
  if (input.honeypot.trim() !== '') return { status: 'spam', reason: 'honeypot field filled in' };
  const fields = [input.name, input.email, input.url ?? '', input.body].map(prepareText);
  const blocked = findKeyword(config.blockedKeywords, fields);
  if (blocked) return { status: 'spam', reason: `blocked keyword "${blocked}"` };

  const links = countLinks(input.body);
  if (links >= config.holdAtLinks) return { status: 'pending', reason: `contains ${links} links` };
  const flagged = findKeyword(config.moderationKeywords, fields);
  if (flagged) return { status: 'pending', reason: `moderation keyword "${flagged}"` };
  if (input.tokenIssuedAt === null) return { status: 'pending', reason: 'form token could not be verified' };
  const age = input.now - input.tokenIssuedAt;
  if (age < config.minSecondsAfterToken * 1000) {
    return { status: 'pending', reason: `submitted ${Math.max(0, age / 1000).toFixed(1)} s after the form was issued` };
  }
  if (age > config.tokenMaxAgeHours * 3_600_000) return { status: 'pending', reason: `form token older than ${config.tokenMaxAgeHours} h` };

  return judgeTrust(input.standing, config);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Graduated trust, the last rule: "always hold" set by an editor → held; M comments rejected (spam or
 * trash) within the window → held again; N comments approved → approved at once; anything less → held.
 * Every count comes from comments posted with the visitor's own returning-commenter key, so a name and
 * email borrowed from a regular start at zero.
 */
export function judgeTrust(standing: CommenterStanding, config: ModerationConfig): Verdict {
  if (standing.alwaysHold) return { status: 'pending', reason: 'an editor holds every comment from this email address' };
  if (config.holdAfterRejected > 0 && standing.rejected >= config.holdAfterRejected) {
    return { status: 'pending', reason: `${plural(standing.rejected, 'comment', 'comments')} rejected or marked spam in the last ${config.rejectedWindowDays} days` };
  }
  if (!config.autoApproveKnownAuthors) return { status: 'pending', reason: 'every comment is held (auto-approval is off)' };
  if (standing.approved >= config.trustAfterApproved) return { status: 'approved', reason: null };
  if (standing.approved === 0) return { status: 'pending', reason: 'first comment from this commenter (no approved comment from this browser and email)' };
  return { status: 'pending', reason: `${standing.approved} of the ${config.trustAfterApproved} approved comments needed for auto-approval` };
}
