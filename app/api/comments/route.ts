import { getComments, postComment } from '@/lib/comments/controller';

export const dynamic = 'force-dynamic';

/** Post a comment (JSON or a plain HTML form). */
export const POST = postComment;

/** The approved comments of an article, as a tree of public fields. */
export const GET = getComments;
