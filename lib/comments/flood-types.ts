/** The flood limiter's interface, in its own module so that its engines (./flood.ts's stored-comments count, ./flood-redis.ts) need not import the module that chooses one. */
import type { ModerationConfig } from './config';
import type { FloodRule } from './store/types';

export interface FloodLimiter {
  /** The check `store.insert` makes for one post from `ipHash` at `now`. */
  ruleFor(ipHash: string, now: Date, config: ModerationConfig): FloodRule;
}
