/**
 * Helpers for the comment specs: simulated readers (each with its own client address), posting
 * through the API, and acting as an operator on the same database the site under test uses.
 *
 * playwright.config.ts sets DATA_DIR, SITE_URL and SITE_ORIGIN for the test processes too, so the
 * store opened here is the site's own SQLite file, and notifySite() signs with the site's secret.
 * Specs that use the store call closeStore() in afterAll.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type APIResponse, type Page, type TestInfo } from '@playwright/test';
import { notifySite } from '../../lib/comments/notify';
import { setCommentStatus } from '../../lib/comments/moderation';
import { closeCommentStore, getCommentStore } from '../../lib/comments/store';
import type { CommentRow } from '../../lib/comments/store/types';
import type { CommentStatus } from '../../lib/comments/types';
import { BASE_URL } from './page-helpers';

export type { CommentRow };

/** Something unique to this run, for bodies, names and emails that must not collide with another test's. */
export const RUN = randomBytes(4).toString('hex');

let sequence = 0;
/** A fresh marker: RUN plus a counter. */
export const unique = (label = 'x') => `${label}-${RUN}-${++sequence}`;

/**
 * A client address of its own for one simulated reader. The site runs with TRUST_PROXY=1, so the
 * last X-Forwarded-For entry a test sends is the address the flood rule counts; every test that
 * posts uses its own (10.0.0.0/8, derived from the test, its retry and `n`), so no test is ever
 * refused with 429 because of another test's comments.
 */
export function readerIp(testInfo: TestInfo, n = 0): string {
  const digest = createHash('sha256')
    .update([RUN, testInfo.file, ...testInfo.titlePath, String(testInfo.retry), String(testInfo.repeatEachIndex), String(n)].join('\u0000'))
    .digest();
  return `10.${digest[0]}.${digest[1]}.${digest[2]}`;
}

/** Headers that make a request come from `ip`. */
export const from = (ip: string) => ({ 'x-forwarded-for': ip });

export interface Reader {
  name: string;
  email: string;
  url?: string;
}

/** A first-time commenter (their comments are held for moderation). */
export function newReader(label: string, withUrl = false): Reader {
  const id = unique(label.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  return {
    name: `${label} ${id.slice(-12)}`,
    email: `${id}@example.com`,
    ...(withUrl ? { url: `https://${id}.example.org/about` } : {}),
  };
}

/** A fresh signed form token from the site. */
export async function formToken(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/comments/token');
  expect(response.status(), 'GET /api/comments/token').toBe(200);
  const { token } = (await response.json()) as { token: string };
  expect(token).toBeTruthy();
  return token;
}

export interface PostOptions {
  article: string;
  reader: Reader;
  body: string;
  ip: string;
  parentId?: string;
  token?: string;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** POST /api/comments as JSON from `ip`. */
export async function postJson(request: APIRequestContext, options: PostOptions): Promise<APIResponse> {
  const { article, reader, body, ip, parentId, extra = {}, headers = {} } = options;
  const token = options.token ?? (await formToken(request));
  const data: Record<string, unknown> = { article, name: reader.name, email: reader.email, body, token, address: '', ...extra };
  if (reader.url) data.url = reader.url;
  if (parentId) data.parentId = parentId;
  return request.post('/api/comments', { data, headers: { 'content-type': 'application/json', ...from(ip), ...headers }, maxRedirects: 0 });
}

/** Posts a valid comment and returns its id (answered 201 pending). */
export async function postPending(request: APIRequestContext, options: PostOptions): Promise<string> {
  const response = await postJson(request, options);
  expect(response.status(), `POST /api/comments: ${await response.text()}`).toBe(201);
  const result = (await response.json()) as { id: string; status: string };
  expect(result.status).toBe('pending');
  return result.id;
}

// ---------------------------------------------------------------------------------------------
// Operator side: the same store and service the site uses, in this process.

/** Every stored comment, newest first. */
export async function allRows(): Promise<CommentRow[]> {
  return (await getCommentStore()).list({ limit: 1_000_000 });
}

/** How many comments are stored, whatever their status. */
export async function totalRows(): Promise<number> {
  const counts = await (await getCommentStore()).countByStatus();
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

export async function rowById(id: string): Promise<CommentRow | undefined> {
  return (await getCommentStore()).get(id);
}

/** Stored comments whose name, email or body contains `needle`. */
export async function rowsContaining(needle: string): Promise<CommentRow[]> {
  return (await allRows()).filter((row) => [row.author_name, row.author_email, row.body].some((field) => field.includes(needle)));
}

/** The one stored comment by this email. */
export async function rowByEmail(email: string): Promise<CommentRow> {
  const rows = (await allRows()).filter((row) => row.author_email === email.toLowerCase());
  expect(rows, `exactly one stored comment by ${email}`).toHaveLength(1);
  return rows[0]!;
}

/** Moderates a comment through the service and asks the running site to refresh its article, as the CLI does. */
export async function moderate(id: string, status: CommentStatus): Promise<CommentRow> {
  const { after } = await setCommentStatus(id, status);
  expect(after.status).toBe(status);
  expect(await notifySite(BASE_URL, after.article), 'the site accepted the signed revalidation request').toBe(true);
  return after;
}

/** Approves a comment through the service and refreshes its article page. */
export const approve = (id: string) => moderate(id, 'approved');

/** Approved comments per article, straight from the store. */
export async function approvedCount(slug: string): Promise<number> {
  return (await (await getCommentStore()).countApprovedByArticle())[slug] ?? 0;
}

export const closeStore = () => closeCommentStore();

// ---------------------------------------------------------------------------------------------
// Pages.

/** Waits until public/reader.js has taken over the comment form (it sets noValidate last, once it has). */
export async function waitForEnhancedForm(page: Page): Promise<void> {
  await expect(page.locator('form#respond')).toHaveAttribute('novalidate', '');
}

/** The public comment list of an article page, as the API answers it. */
export async function publicThread(request: APIRequestContext, slug: string): Promise<{ status: number; text: string; json: unknown }> {
  const response = await request.get(`/api/comments?article=${encodeURIComponent(slug)}`);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status(), text, json };
}

/** The server's message for each field when a reader sends an empty name, a bad email, a javascript: URL and a 2-character comment. */
export const BAD_INPUT_ERRORS = {
  body: 'Your comment must be at least 3 characters long.',
  name: 'Please enter your name.',
  email: 'Please enter a valid email address, like name@example.com.',
  url: 'Your website must be an http:// or https:// address, like https://example.com.',
};

export interface ThreadNode {
  id: string;
  parentId: string | null;
  name: string;
  url: string | null;
  body: string;
  createdAt: string;
  editorReply: boolean;
  depth: number;
  replies: ThreadNode[];
}

/** Every comment id in a thread, at any depth. */
export function threadIds(nodes: ThreadNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...threadIds(node.replies)]);
}
