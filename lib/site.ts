/** Fixed facts about the publication. */
export const site = {
  name: 'Eurasian Star',
  tagline: 'News and analysis from Central Asia and the wider Eurasian space',
  description:
    'Eurasian Star reports on politics, security, energy and diplomacy across Central Asia, the Caucasus and the wider Eurasian space.',
  locale: 'en_GB',
  lang: 'en',
  themeColor: '#0b2545',
  email: 'newsroom@eurasianstar.example',
  perPage: 10,
} as const;
