/** Words the corpus generator draws from: places, actors and phrases of the publication's beat, in English, Russian and Turkic Latin. */

export const AUTHORS: { key: string; name: string; bio: string }[] = [
  { key: 'staff', name: 'Eurasian Star Staff', bio: 'The Eurasian Star newsroom reports on politics, security and economics across Central Asia.' },
  { key: 'aigerim-sadykova', name: 'Aigerim Sadykova', bio: 'Aigerim Sadykova covers Kazakhstan and Kyrgyzstan from Almaty.' },
  { key: 'daniel-whitfield', name: 'Daniel Whitfield', bio: "Daniel Whitfield is Eurasian Star's economics editor." },
  { key: 'timur-rakhimov', name: 'Timur Rakhimov', bio: 'Timur Rakhimov reports from Tashkent on reform, trade and the Fergana Valley.' },
  { key: 'olga-petrenko', name: 'Ольга Петренко', bio: 'Ольга Петренко пишет о политике и безопасности в Центральной Азии.' },
  { key: 'nargiza-yusupova', name: 'Nargiza Yoʻldosheva', bio: 'Nargiza Yoʻldosheva covers water, farming and the Aral Sea basin.' },
  { key: 'merdan-atayev', name: 'Merdan Ataýew', bio: 'Merdan Ataýew writes about Turkmenistan’s gas and its neighbours.' },
  { key: 'sarah-lindqvist', name: 'Sarah Lindqvist', bio: 'Sarah Lindqvist follows the European Union’s policy in Central Asia from Brussels.' },
  { key: 'azamat-bekov', name: 'Azamat Bekov', bio: 'Azamat Bekov reports on Kyrgyzstan’s politics and its border disputes.' },
  { key: 'farrukh-nazarov', name: 'Farrukh Nazarov', bio: 'Farrukh Nazarov covers Tajikistan, hydropower and Afghanistan.' },
  { key: 'li-wen', name: 'Li Wen', bio: 'Li Wen writes on China’s Belt and Road projects in Eurasia.' },
  { key: 'ruslan-akhmetov', name: 'Руслан Ахметов', bio: 'Руслан Ахметов — обозреватель по энергетике и транспортным коридорам.' },
];

export const COUNTRY_TAGS = ['kz', 'kg', 'tj', 'tm', 'uz', 'af', 'az', 'cn', 'ru'] as const;
export const TOPIC_TAGS = ['eu', 'water', 'energy', 'trade'] as const;
export const CATEGORIES = ['eurasia', 'geo-politics', 'economy', 'security', 'opinion'] as const;

export const COUNTRY_NAMES: Record<string, { en: string; ru: string }> = {
  kz: { en: 'Kazakhstan', ru: 'Казахстан' },
  kg: { en: 'Kyrgyzstan', ru: 'Кыргызстан' },
  tj: { en: 'Tajikistan', ru: 'Таджикистан' },
  tm: { en: 'Turkmenistan', ru: 'Туркменистан' },
  uz: { en: 'Uzbekistan', ru: 'Узбекистан' },
  af: { en: 'Afghanistan', ru: 'Афганистан' },
  az: { en: 'Azerbaijan', ru: 'Азербайджан' },
  cn: { en: 'China', ru: 'Китай' },
  ru: { en: 'Russia', ru: 'Россия' },
};

export const EN = {
  subjects: ['The government', 'The ministry of energy', 'A regional court', 'Parliament', 'The central bank', 'Farmers in the valley', 'Border guards', 'The state gas company', 'Local officials', 'Investors', 'Diplomats', 'The railway operator'],
  verbs: ['announced', 'postponed', 'approved', 'questioned', 'signed', 'expanded', 'rejected', 'renegotiated', 'welcomed', 'delayed'],
  objects: ['a new pipeline agreement', 'the water-sharing protocol', 'a customs union proposal', 'the border demarcation plan', 'a loan for the railway', 'new export quotas', 'the uranium contract', 'a hydropower tender', 'a visa-free regime', 'the grain deal'],
  clauses: ['after months of talks', 'despite objections from neighbours', 'ahead of the summer irrigation season', 'as prices on world markets fell', 'under pressure from Moscow and Beijing', 'with support from European lenders', 'in a closed session', 'before the winter heating season'],
  nouns: ['corridor', 'reservoir', 'pipeline', 'treaty', 'summit', 'tariff', 'election', 'harvest', 'power line', 'dam', 'railway', 'border', 'referendum', 'sanctions'],
  adjectives: ['Caspian', 'trans-regional', 'landlocked', 'post-Soviet', 'strategic', 'contested', 'unfinished', 'ambitious', 'quiet', 'fragile'],
  headings: ['Background', 'What changed', 'The money', 'Why it matters', 'Reactions in the region', 'What comes next', 'The numbers', 'Risks', 'A view from the ground', 'The wider picture'],
};

export const RU = {
  subjects: ['Правительство', 'Министерство энергетики', 'Парламент', 'Национальный банк', 'Пограничная служба', 'Местные власти', 'Инвесторы', 'Дипломаты', 'Железнодорожники'],
  verbs: ['объявило', 'отложило', 'одобрило', 'подписало', 'расширило', 'отклонило', 'пересмотрело', 'поддержало'],
  objects: ['соглашение о газопроводе', 'протокол о разделе воды', 'план делимитации границы', 'кредит на строительство дороги', 'экспортные квоты', 'контракт на уран', 'тендер на ГЭС', 'безвизовый режим'],
  clauses: ['после долгих переговоров', 'несмотря на возражения соседей', 'накануне поливного сезона', 'на фоне падения цен', 'при поддержке европейских банков', 'на закрытом заседании'],
  nouns: ['коридор', 'водохранилище', 'газопровод', 'договор', 'саммит', 'тариф', 'выборы', 'урожай', 'плотина', 'граница'],
  adjectives: ['Каспийский', 'стратегический', 'спорный', 'новый', 'амбициозный', 'хрупкий'],
  headings: ['Предыстория', 'Что изменилось', 'Деньги', 'Почему это важно', 'Реакция в регионе', 'Что дальше', 'Цифры', 'Риски'],
};

/** Uzbek and Turkmen Latin phrases, with their diacritics and the ʻ (U+02BB) of oʻ and gʻ. */
export const TURKIC = {
  uz: ['Oʻzbekiston hukumati yangi qarorni qabul qildi', 'Fargʻona vodiysidagi dehqonlar suv tanqisligidan shikoyat qilmoqda', 'Toshkentda gʻalla narxi oshdi', 'Qoraqalpogʻiston yoʻllari taʼmirlanmoqda', 'Amudaryo boʻyidagi qishloqlar'],
  tk: ['Türkmenistanyň hökümeti täze karary kabul etdi', 'Aşgabatda gaz bahasy barada ylalaşyk gazanyldy', 'Daşoguz welaýatynda ýaşaýjylar suw ýetmezçiliginden zeýrenýärler', 'Lebap welaýatynda pagta ýygymy başlandy', 'Galkynyş ýatagyndan gaz ugradylýar'],
};
