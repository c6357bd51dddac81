import { draftMode } from 'next/headers';

export const dynamic = 'force-dynamic';

/** Leave preview: anyone may switch draft mode off. Back to the desk or the page they came from on this site. */
export async function GET(request: Request): Promise<Response> {
  (await draftMode()).disable();
  const back = new URL(request.url).searchParams.get('to');
  const location = back && /^\/(?!\/)[\w\-/]*$/.test(back) ? back : '/editor';
  return new Response(null, { status: 307, headers: { Location: location, 'Cache-Control': 'no-store' } });
}
