import { pageMetadata } from '@/lib/metadata';
import { site } from '@/lib/site';

export const metadata = pageMetadata({ title: 'Contact', description: `How to reach the ${site.name} newsroom.`, path: '/contact' });

/** How to reach the newsroom. */
export default function ContactPage() {
  return (
    <div className="prose">
      <header className="page-header">
        <p className="eyebrow">Contact</p>
        <h1>Contact the newsroom</h1>
      </header>
      <p>
        News tips, corrections and letters to the editor: <a href={`mailto:${site.email}`}>{site.email}</a>. We read everything; we
        reply to what we can. Tell us if you need us to protect your identity, and do not send sensitive documents by ordinary e-mail.
      </p>
    </div>
  );
}
