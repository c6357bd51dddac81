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

/**
 * The long tail. Real reporting names people, places, firms and sums that recur rarely: a ten-year archive of a
 * regional desk holds tens of thousands of distinct words, most of them seen in a handful of articles. Without it
 * every word of a synthetic corpus is in most articles, which no search index or list page ever meets in practice.
 * Names are built from syllables, so the pools are large without a word list; `zipf` draws them so that a few recur
 * often and most seldom.
 */
export const NAME_PARTS = {
  latin: {
    onsets: ['ak', 'al', 'ar', 'as', 'ba', 'be', 'bo', 'da', 'do', 'er', 'ga', 'gu', 'il', 'ja', 'ka', 'ke', 'ko', 'ku', 'ma', 'mu', 'na', 'nu', 'or', 'ra', 'sa', 'se', 'sha', 'so', 'ta', 'te', 'to', 'tu', 'ul', 'us', 'ya', 'za', 'zhe', 'kha'],
    middles: ['bek', 'dar', 'gal', 'jan', 'kan', 'kul', 'lan', 'mir', 'nur', 'rat', 'san', 'tash', 'tau', 'tem', 'zar', 'bul', 'kar', 'sai', 'tal', 'yar'],
    ends: ['a', 'ak', 'an', 'at', 'bad', 'bay', 'dy', 'ek', 'in', 'kent', 'kol', 'mak', 'ol', 'on', 'ov', 'sk', 'stan', 'tepe', 'ty', 'yn'],
  },
  cyrillic: {
    onsets: ['ак', 'ал', 'ар', 'ба', 'бе', 'да', 'ер', 'ка', 'ке', 'ко', 'ма', 'на', 'ор', 'са', 'та', 'ту', 'ул', 'за', 'ша', 'жа'],
    middles: ['бек', 'дар', 'жан', 'кан', 'кул', 'мир', 'нур', 'сан', 'таш', 'тау', 'зар', 'бул', 'кар', 'тал'],
    ends: ['а', 'ак', 'ан', 'ат', 'бад', 'бай', 'ек', 'ин', 'кент', 'коль', 'ов', 'ск', 'тепе', 'ын'],
  },
};

export const FIRST_NAMES = ['Aibek', 'Aizhan', 'Akmal', 'Alisher', 'Altynai', 'Asel', 'Aziz', 'Bakhyt', 'Bekzod', 'Daniyar', 'Dilnoza', 'Elnura', 'Erlan', 'Farida', 'Gulnara', 'Islam', 'Jamshid', 'Kairat', 'Kamila', 'Madina', 'Marat', 'Nodira', 'Nurlan', 'Oybek', 'Rustam', 'Saida', 'Sanjar', 'Shahlo', 'Temir', 'Ulugbek', 'Yerlan', 'Zarina', 'Anna', 'Mikhail', 'Elena', 'Thomas', 'Claire', 'Wei', 'Mehmet', 'Leyla'];
export const SURNAME_ENDS = ['ov', 'ova', 'ev', 'eva', 'bekov', 'uly', 'kyzy', 'zoda', 'yev', 'in'];

export const ORGANISATION_KINDS = ['Water Authority', 'Cement Plant', 'Power Company', 'Regional Council', 'Customs Post', 'Agricultural Bank', 'Mining Company', 'Grain Exchange', 'Rail Terminal', 'Textile Mill', 'District Court', 'Free Economic Zone', 'Logistics Hub', 'Gas Processing Plant', 'Irrigation Canal', 'Border Crossing', 'State University', 'Chamber of Commerce', 'Housing Fund', 'Solar Park'];
export const ORGANISATION_KINDS_RU = ['водоканал', 'цементный завод', 'энергокомпания', 'областной совет', 'таможенный пост', 'аграрный банк', 'горнодобывающая компания', 'зерновая биржа', 'железнодорожный терминал', 'текстильная фабрика'];

/** Plain words of the beat, beyond the sentence templates: what the details of a story are about. */
export const EN_DETAIL = {
  topics: ['wheat', 'cotton', 'copper', 'gold', 'coal', 'uranium', 'fertiliser', 'cement', 'electricity', 'remittances', 'tourism', 'livestock', 'apricots', 'diesel', 'hydrogen', 'fibre-optic cables', 'wind turbines', 'textiles', 'pensions', 'vaccines', 'bonds', 'microloans', 'glaciers', 'mudflows', 'locusts', 'drought', 'floods', 'earthquake insurance', 'school meals', 'bus fares', 'mobile data', 'bank deposits', 'canal repairs', 'grain silos', 'cold storage', 'customs software', 'e-visas', 'air routes', 'freight wagons', 'lorry queues'],
  officials: ['deputy minister', 'regional governor', 'customs chief', 'central bank governor', 'mayor', 'ambassador', 'prosecutor', 'chief engineer', 'spokesperson', 'analyst', 'economist', 'farmer', 'trader', 'lawyer', 'activist', 'professor', 'union leader', 'shop owner', 'driver', 'hydrologist'],
  /** More of what happens to things in a story; the template verbs above recur in every article. */
  verbs: ['blocked', 'cancelled', 'extended', 'suspended', 'revised', 'investigated', 'audited', 'privatised', 'subsidised', 'doubled', 'halved', 'capped', 'tendered', 'financed', 'inspected', 'reopened', 'closed', 'challenged', 'drafted', 'ratified', 'leaked', 'criticised', 'defended', 'promised', 'unveiled'],
  /** What a story's topic becomes in a sentence: "the cotton export quota", "a coal price cap". */
  kinds: ['export quota', 'price cap', 'subsidy', 'import ban', 'investment programme', 'supply contract', 'tender', 'tax break', 'audit', 'licence', 'dispute', 'reform', 'stockpile', 'shortage', 'forecast', 'strategy', 'registry', 'joint venture'],
  reporting: ['said', 'told reporters', 'wrote in a statement', 'said in an interview', 'told Eurasian Star', 'confirmed', 'warned', 'argued', 'noted', 'insisted'],
  currencies: ['dollars', 'euros', 'tenge', 'som', 'somoni', 'manat', 'sum', 'yuan', 'roubles'],
  units: ['tonnes', 'kilometres', 'megawatts', 'cubic metres', 'hectares', 'wagons', 'households', 'jobs', 'barrels', 'passengers'],
};
export const RU_DETAIL = {
  topics: ['пшеница', 'хлопок', 'медь', 'золото', 'уголь', 'удобрения', 'цемент', 'электроэнергия', 'денежные переводы', 'туризм', 'скот', 'абрикосы', 'дизельное топливо', 'ветряки', 'пенсии', 'облигации', 'ледники', 'сели', 'засуха', 'паводки'],
  officials: ['замминистра', 'аким', 'губернатор', 'посол', 'прокурор', 'главный инженер', 'пресс-секретарь', 'аналитик', 'экономист', 'фермер', 'торговец', 'юрист'],
  reporting: ['заявил', 'сообщил журналистам', 'подтвердил', 'предупредил', 'отметил'],
  units: ['тонн', 'километров', 'мегаватт', 'кубометров', 'гектаров', 'вагонов', 'домохозяйств', 'рабочих мест'],
};
