import { getCommenterHolds, putCommenterHold } from '@/lib/comments/editor-controller';

export const dynamic = 'force-dynamic';

/** The commenters whose every comment is held for moderation (editors). */
export const GET = getCommenterHolds;

/** Always hold a commenter's comments, or lift that: {"email": "…", "hold": true|false} (editors). */
export const PUT = putCommenterHold;
