/** Plain share links: no third-party scripts, nothing loads until the reader clicks. */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  const links = [
    { name: 'X', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: 'Telegram', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { name: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}` },
    { name: 'Email', href: `mailto:?subject=${t}&body=${u}` },
  ];
  return (
    <section className="share" aria-labelledby="share-heading">
      <h2 id="share-heading">Share this article</h2>
      <ul>
        {links.map((link) => (
          <li key={link.name}>
            <a href={link.href} rel={link.name === 'Email' ? undefined : 'noopener noreferrer'} aria-label={`Share on ${link.name}`}>
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
