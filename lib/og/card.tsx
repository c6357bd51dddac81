import { ImageResponse } from 'next/og';
import { CARD_HEIGHT, CARD_WIDTH, type CardData, fitHeadline, HEADLINE_LINE_HEIGHT } from './card-data';
import { truncateAtWord } from '../content/text';
import { cardFonts } from './fonts';

const NAVY = '#0b2545';
const AMBER = '#f4a300';
const RED = '#d62828';

/** The masthead's four-pointed star, drawn as a path: no font glyph needed. */
function Star({ size }: { size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 100 100">
      <path d="M50 0 C55 35 65 45 100 50 C65 55 55 65 50 100 C45 65 35 55 0 50 C35 45 45 35 50 0 Z" fill={RED} />
    </svg>
  );
}

/** The 1200×630 social card: brand, section, auto-fitted headline, byline and date, country tags. */
export function Card({ card }: { card: CardData }) {
  const headline = fitHeadline(card.title);
  return (
    <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', background: NAVY, color: '#ffffff', padding: '56px 72px 48px 80px', position: 'relative', fontFamily: 'Noto Sans' }}>
      <div style={{ position: 'absolute', left: 0, top: 0, bottom: 0, width: 16, background: RED, display: 'flex' }} />
      <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Star size={40} />
        <div style={{ fontFamily: 'Noto Serif', fontWeight: 700, fontSize: 36, letterSpacing: 0.5 }}>Eurasian Star</div>
      </div>
      <div style={{ display: 'flex', marginTop: 36, fontSize: 26, fontWeight: 600, color: AMBER, textTransform: 'uppercase', letterSpacing: 2 }}>{card.kicker}</div>
      <div style={{ display: 'flex', flexGrow: 1, alignItems: 'center' }}>
        <div style={{ fontFamily: 'Noto Serif', fontWeight: 700, fontSize: headline.fontSize, lineHeight: HEADLINE_LINE_HEIGHT, maxWidth: 1040 }}>{headline.text}</div>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', fontSize: 26, color: '#d7e3f4', borderTop: '2px solid #3a5578', paddingTop: 20 }}>
        <div style={{ display: 'flex', maxWidth: 760 }}>{truncateAtWord([card.byline, card.date].filter(Boolean).join(' · '), 80)}</div>
        <div style={{ display: 'flex', gap: 10 }}>
          {card.tags.slice(0, 6).map((tag) => (
            <div key={tag} style={{ display: 'flex', padding: '4px 14px', border: `2px solid ${AMBER}`, borderRadius: 999, color: AMBER, fontWeight: 600, fontSize: 22 }}>
              {tag}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/** Renders a card to a PNG response; only local fonts, nothing fetched. */
export function renderCard(card: CardData, headers: Record<string, string> = {}): ImageResponse {
  return new ImageResponse(<Card card={card} />, { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: cardFonts(), headers });
}
