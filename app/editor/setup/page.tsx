import type { Metadata } from 'next';
import { SetupForm } from '../_components/setup-form';
import { countEditors } from '@/lib/auth/editors';

export const metadata: Metadata = { title: 'Set up the first editor', robots: { index: false, follow: false } };

/** First-run setup: create the first editor with the link the server logged. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const token = (await searchParams).token;
  const hasEditors = (await countEditors()) > 0;
  return (
    <div className="prose">
      <header className="page-header">
        <p className="eyebrow">Editors</p>
        <h1>Set up the first editor</h1>
      </header>
      {hasEditors ? (
        <p>
          This site already has editors. <a href="/editor/login">Sign in</a>.
        </p>
      ) : typeof token === 'string' && token ? (
        <SetupForm token={token} />
      ) : (
        <p>Open the setup link the server printed when it started. It is valid for one hour.</p>
      )}
    </div>
  );
}
