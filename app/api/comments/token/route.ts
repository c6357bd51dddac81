import { getFormToken } from '@/lib/comments/controller';

export const dynamic = 'force-dynamic';

/** A fresh signed form token. */
export const GET = getFormToken;
