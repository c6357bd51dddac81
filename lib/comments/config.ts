import { env } from '../env';

/**
 * Moderation and spam rules in one place. Defaults follow WordPress where it has one;
 * the environment can change what an operator is likely to tune.
 */
export interface ModerationConfig {
  /** Approve at once a commenter who has earned trust (below); false holds every comment. */
  autoApproveKnownAuthors: boolean;
  /**
   * Trust is earned: a commenter's comments are approved at once only after this many of their comments were
   * approved — counted under the same email and posted from the same browser (the returning-commenter cookie).
   */
  trustAfterApproved: number;
  /** A commenter with this many comments marked spam or trashed within rejectedWindowDays is held again; 0 never. */
  holdAfterRejected: number;
  rejectedWindowDays: number;
  /** Hold for moderation at this many links or more. */
  holdAtLinks: number;
  /** Hold when any of these appear in name, email, website or text (case-insensitive). */
  moderationKeywords: string[];
  /** Mark as spam (and answer as if accepted) when any of these appear. */
  blockedKeywords: string[];
  /** Hold when submitted sooner than this after the form token was issued. */
  minSecondsAfterToken: number;
  /** Hold when the form token is older than this. */
  tokenMaxAgeHours: number;
  /** Refuse a second comment from one IP address within this many seconds… */
  floodIntervalSeconds: number;
  /** …or more than floodMaxInWindow within floodWindowMinutes. */
  floodWindowMinutes: number;
  floodMaxInWindow: number;
  /** Replies nest at most this deep; a reply to the deepest level joins that level. */
  maxDepth: number;
  /** Close comments on articles older than this many days; 0 never closes them (the default, as in WordPress). */
  closeAfterDays: number;
  /** Forget commenters' IP addresses after this many days. */
  ipRetentionDays: number;
  /** Reverse proxies in front of the site whose X-Forwarded-For entries are trusted. */
  trustedProxies: number;
}

export const moderationDefaults: ModerationConfig = {
  autoApproveKnownAuthors: true,
  trustAfterApproved: 1,
  holdAfterRejected: 1,
  rejectedWindowDays: 30,
  holdAtLinks: 2,
  moderationKeywords: ['casino', 'viagra', 'cialis', 'payday loan', 'crypto giveaway', 'seo services'],
  blockedKeywords: ['buy followers', 'xxx porn', 'replica watches'],
  minSecondsAfterToken: 3,
  tokenMaxAgeHours: 24,
  floodIntervalSeconds: 15,
  floodWindowMinutes: 10,
  floodMaxInWindow: 5,
  maxDepth: 5,
  closeAfterDays: 0,
  ipRetentionDays: 30,
  trustedProxies: 0,
};

/** The rules in force: the defaults with the environment's overrides. */
export function moderationConfig(): ModerationConfig {
  const e = env();
  return {
    ...moderationDefaults,
    autoApproveKnownAuthors: e.COMMENTS_AUTO_APPROVE_KNOWN,
    trustAfterApproved: e.COMMENTS_TRUST_AFTER_APPROVED,
    holdAfterRejected: e.COMMENTS_HOLD_AFTER_REJECTED,
    closeAfterDays: e.COMMENTS_CLOSE_AFTER_DAYS,
    trustedProxies: e.TRUST_PROXY,
  };
}
