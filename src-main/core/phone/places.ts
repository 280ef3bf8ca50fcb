import { getCountries } from 'libphonenumber-js/max'
import { forEachCountryName, resolveRegion } from './regions'

/*
 * Place names as evidence of the country a row lives in. A City, Address, Region or Country cell ("Munich,
 * Germany", "上海市浦东新区世纪大道100号", "Cambridge, MA 02139") names a country more or less directly; this module reads
 * which one. Strength, strongest first:
 *   4 postal shapes: a US state code before a ZIP (", NY 10001"), a Canadian province before a postal code, an
 *     Australian state before a postcode, the Japanese 〒 mark;
 *   3 country names ("Germany", "中国", "UK");
 *   2 states and provinces ("Ontario", "Bavaria", "广东");
 *   1 cities ("Mumbai", "伦敦").
 * A stronger reading outvotes a weaker one that disagrees ("London, Ontario" is Canadian); two readings of the same
 * strength that share no country cancel out (null). A name with several readings (Paris: France, then the US) keeps
 * them all, so a second clue can choose; alone, its first reading (the globally dominant one) wins.
 */

const MAX_CELL = 300

const TIER_POSTAL = 4
const TIER_COUNTRY = 3
const TIER_REGION = 2
const TIER_CITY = 1

interface Entry {
  /** Countries the name can mean, dominant reading first. Empty: a phrase that means no country ("South America"). */
  codes: string[]
  tier: number
}

interface Hit {
  codes: readonly string[]
  tier: number
}

// Han, kana and Hangul: no spaces between words, so these names are found by substring.
const CJK_TEST = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const CJK_ALL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu
const MARKS = /\p{M}/gu
const TOKEN = /[\p{L}\p{N}]+/gu
const DIGITS_ONLY = /^\d+$/

// Postal shapes, matched on the text with its case kept: a code must be written in capitals to count.
const US_ZIP = /,\s*([A-Z]{2})\s+\d{5}(?:-\d{4})?(?![\dA-Za-z])/g
const STATE_AT_END = /,\s*([A-Z]{2})\.?\s*(?=[,;]|$)/g
const CA_POSTAL = /,\s*([A-Z]{2})\s+[A-Z]\d[A-Z][ -]?\d[A-Z]\d(?![\dA-Za-z])/g
const AU_POSTAL = /(?:^|[\s,])(?:NSW|VIC|QLD|TAS|ACT|NT|WA|SA)\s+\d{4}(?!\d)/
const JP_POSTAL = /〒\s*\d{3}-?\d{4}/

const US_STATE_CODES =
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'
// US territories are their own phone regions in libphonenumber.
const US_TERRITORY_CODES = ['PR', 'GU', 'VI', 'AS', 'MP']
const CA_PROVINCE_CODES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT'

// Languages whose country names appear in free text; the same Latin set as regions.ts, plus CJK scripts.
const LATIN_LOCALES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl']
const CJK_LOCALES = ['zh', 'zh-Hant', 'ja']

// Country names that are also everyday words, first names or parts of other places, so inside a longer text they
// are not evidence ("Chad", "Jordan", German "Island" for Iceland, French "Maurice"). A whole cell still resolves.
const TEXT_STOP = new Set([
  'chad',
  'jordan',
  'jersey',
  'island',
  'reunion',
  'st martin',
  'man',
  'maurice',
  'mauricio',
  'dominique',
  'norfolk',
  'guadalupe',
  'america',
  '黑山',
  '朝鲜',
  '海地',
  '马里',
  '加纳',
  'タイ',
  'マリ',
  'チリ'
])
// Short country names that are names, not codes, and too common to drop ("London, UK"). Other 2–3 letter tokens
// inside a longer text are never read as a country: "IN" in "Log in", "CA" in an address.
const SHORT_NAMES_OK = new Set(['uk', 'usa', 'uae'])

// Names no Intl locale gives, in free-text spelling.
const EXTRA_COUNTRY_NAMES: [string, string][] = [
  ['uk', 'GB'],
  ['u k', 'GB'],
  ['britain', 'GB'],
  ['great britain', 'GB'],
  ['england', 'GB'],
  ['scotland', 'GB'],
  ['wales', 'GB'],
  ['northern ireland', 'GB'],
  ['usa', 'US'],
  ['u s a', 'US'],
  ['u s', 'US'],
  ['united states of america', 'US'],
  ['uae', 'AE'],
  ['korea', 'KR'],
  ['south korea', 'KR'],
  ['republic of korea', 'KR'],
  ['holland', 'NL'],
  ['czech republic', 'CZ'],
  ['turkey', 'TR'],
  ['russia', 'RU'],
  ['viet nam', 'VN'],
  ['prc', 'CN'],
  ['中华人民共和国', 'CN'],
  ['中國', 'CN'],
  ['中国香港', 'HK'],
  ['中國香港', 'HK'],
  ['香港', 'HK'],
  ['中国澳门', 'MO'],
  ['中國澳門', 'MO'],
  ['澳门', 'MO'],
  ['澳門', 'MO'],
  ['中国台湾', 'TW'],
  ['中國台灣', 'TW'],
  ['台灣', 'TW'],
  ['臺灣', 'TW'],
  ['韓國', 'KR'],
  ['大韩民国', 'KR'],
  ['大韓民國', 'KR'],
  ['한국', 'KR'],
  ['대한민국', 'KR'],
  ['アメリカ', 'US'],
  ['米国', 'US'],
  ['英國', 'GB']
]

// Phrases that contain a country or place name but mean something else; they are consumed and count for nothing.
const NOT_PLACES = [
  'south america',
  'latin america',
  'central america',
  'north america',
  'long island',
  'staten island',
  'middle east',
  '朝鲜族',
  '朝鮮族'
]

/*
 * Cities, states and provinces, per country: 'name|name|…'. A name with several readings is listed under its
 * dominant country and in CLASHES with the others. Chinese names in simplified and, where different, traditional.
 * Left out on purpose, because they are also mainland place names and would contradict the city next to them:
 * 中山 (a street in every city, a district of Taipei), 九龙 (九龙坡, Chongqing), 新北 (新北区, Changzhou),
 * 德州 (Dezhou, Shandong, besides Texas), 汉城 (汉城湖, Xi'an), 新山 and 雪梨 (common words).
 */
const CITIES: Record<string, string> = {
  CN:
    'Beijing|Peking|北京|Shanghai|上海|Guangzhou|Canton|广州|廣州|Shenzhen|深圳|Hangzhou|杭州|Chengdu|成都|Wuhan|武汉|武漢|' +
    'Nanjing|南京|Chongqing|重庆|重慶|Tianjin|天津|Xian|Xi an|西安|Suzhou|苏州|蘇州|Dongguan|东莞|東莞|Foshan|佛山|Qingdao|青岛|' +
    'Dalian|大连|Shenyang|沈阳|Harbin|哈尔滨|Changsha|长沙|Zhengzhou|郑州|Jinan|济南|Hefei|合肥|Fuzhou|福州|Xiamen|厦门|廈門|' +
    'Kunming|昆明|Nanning|南宁|Nanchang|南昌|Guiyang|贵阳|Lanzhou|兰州|Taiyuan|太原|Shijiazhuang|石家庄|Changchun|长春|' +
    'Urumqi|乌鲁木齐|Hohhot|呼和浩特|Yinchuan|银川|Xining|西宁|Lhasa|拉萨|Haikou|海口|Sanya|三亚|Ningbo|宁波|Wuxi|无锡|' +
    'Zhuhai|珠海|Wenzhou|温州|Changzhou|常州|Xuzhou|徐州|Yantai|烟台|Huizhou|惠州|Shantou|汕头|浦东|浦東|Pudong',
  US:
    'New York|New York City|NYC|Manhattan|Brooklyn|Bronx|Los Angeles|San Francisco|Boston|Chicago|Seattle|Houston|' +
    'Phoenix|Philadelphia|San Antonio|San Diego|Dallas|San Jose|Austin|Jacksonville|Fort Worth|Columbus|Indianapolis|' +
    'Denver|Nashville|Oklahoma City|El Paso|Las Vegas|Portland|Memphis|Detroit|Baltimore|Milwaukee|Albuquerque|Tucson|' +
    'Sacramento|Atlanta|Miami|Oakland|Minneapolis|Cleveland|New Orleans|Honolulu|Pittsburgh|Cincinnati|St Louis|' +
    'Orlando|Tampa|Salt Lake City|Kansas City|Raleigh|Anchorage|Palo Alto|Mountain View|Cupertino|Silicon Valley|' +
    'Jersey City|Washington DC|Nueva York|纽约|紐約|洛杉矶|洛杉磯|旧金山|舊金山|三藩市|芝加哥|西雅图|西雅圖|波士顿|波士頓|休斯顿|' +
    '费城|拉斯维加斯|迈阿密|亚特兰大|达拉斯|硅谷|华盛顿|華盛頓',
  GB:
    'London|Manchester|Birmingham|Liverpool|Leeds|Glasgow|Edinburgh|Bristol|Sheffield|Newcastle|Newcastle upon Tyne|' +
    'Cardiff|Belfast|Nottingham|Leicester|Southampton|Brighton|Oxford|Cambridge|York|Bath|Aberdeen|Coventry|Plymouth|' +
    'Bradford|Milton Keynes|伦敦|倫敦|曼彻斯特|曼徹斯特|爱丁堡|愛丁堡|伯明翰|利物浦|牛津|剑桥|劍橋',
  DE:
    'Berlin|Hamburg|Munich|Munchen|Muenchen|Cologne|Koln|Koeln|Frankfurt|Frankfurt am Main|Stuttgart|Dusseldorf|' +
    'Duesseldorf|Dortmund|Essen|Leipzig|Bremen|Dresden|Hannover|Hanover|Nuremberg|Nurnberg|Nuernberg|Duisburg|Bochum|' +
    'Bonn|Mannheim|Karlsruhe|Augsburg|Wiesbaden|柏林|慕尼黑|法兰克福|法蘭克福|科隆|杜塞尔多夫|斯图加特',
  IN:
    'Mumbai|Bombay|Delhi|New Delhi|Bangalore|Bengaluru|Hyderabad|Chennai|Madras|Kolkata|Calcutta|Pune|Ahmedabad|' +
    'Jaipur|Surat|Lucknow|Kanpur|Nagpur|Indore|Bhopal|Patna|Chandigarh|Kochi|Cochin|Gurgaon|Gurugram|Noida|' +
    'Visakhapatnam|Coimbatore|孟买|孟買|新德里|德里|班加罗尔|加尔各答|金奈',
  FR:
    'Paris|Marseille|Marseilles|Lyon|Toulouse|Nice|Nantes|Strasbourg|Montpellier|Bordeaux|Lille|Rennes|Reims|' +
    'Grenoble|Dijon|Toulon|Le Havre|St Etienne|Angers|巴黎|马赛|馬賽|里昂',
  JP:
    'Tokyo|Osaka|Kyoto|Yokohama|Nagoya|Sapporo|Fukuoka|Kobe|Kawasaki|Hiroshima|Sendai|Chiba|Saitama|Okinawa|Naha|' +
    'Nara|東京|东京|東京都|大阪|京都|横浜|横滨|名古屋|札幌|福岡|福冈|神戸|神户|広島|广岛|廣島|仙台|沖縄|冲绳|那覇',
  KR:
    'Seoul|Busan|Pusan|Incheon|Daegu|Daejeon|Gwangju|Suwon|Ulsan|Jeju|Seongnam|Changwon|Gangnam|首尔|首爾|' +
    '釜山|仁川|济州|濟州|서울|부산|인천|대구|대전|광주|울산|수원|제주',
  CA:
    'Toronto|Montreal|Vancouver|Calgary|Ottawa|Edmonton|Winnipeg|Quebec City|Halifax|Mississauga|Brampton|Saskatoon|' +
    'Kitchener|多伦多|多倫多|温哥华|溫哥華|蒙特利尔|渥太华',
  AU:
    'Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra|Gold Coast|Hobart|Darwin|Cairns|Geelong|Wollongong|悉尼|' +
    '墨尔本|墨爾本|布里斯班|珀斯|阿德莱德|堪培拉',
  BR:
    'Sao Paulo|Rio de Janeiro|Brasilia|Salvador|Fortaleza|Belo Horizonte|Manaus|Curitiba|Recife|Porto Alegre|Belem|' +
    'Goiania|Campinas|圣保罗|聖保羅|里约热内卢|里約熱內盧|巴西利亚',
  ES:
    'Madrid|Barcelona|Valencia|Seville|Sevilla|Zaragoza|Malaga|Bilbao|Palma|Las Palmas|Murcia|Alicante|Cordoba|' +
    'Granada|Valladolid|Vigo|Ibiza|马德里|馬德里|巴塞罗那|巴塞隆拿|瓦伦西亚',
  IT:
    'Rome|Roma|Milan|Milano|Naples|Napoli|Turin|Torino|Florence|Firenze|Venice|Venezia|Bologna|Genoa|Genova|Palermo|' +
    'Verona|Bari|Catania|Pisa|罗马|羅馬|米兰|米蘭|威尼斯|佛罗伦萨|那不勒斯',
  RU:
    'Moscow|Moskva|Москва|St Petersburg|Санкт Петербург|Novosibirsk|Новосибирск|Yekaterinburg|Екатеринбург|Kazan|' +
    'Казань|Nizhny Novgorod|Chelyabinsk|Samara|Omsk|Rostov on Don|Krasnoyarsk|Vladivostok|Владивосток|Sochi|Сочи|' +
    '莫斯科|圣彼得堡|聖彼得堡|海参崴|符拉迪沃斯托克|新西伯利亚',
  MX:
    'Mexico City|Ciudad de Mexico|CDMX|Guadalajara|Monterrey|Puebla|Tijuana|Cancun|Merida|Queretaro|Acapulco|Oaxaca|' +
    'Veracruz|Toluca|Chihuahua|墨西哥城|瓜达拉哈拉|坎昆',
  SG:
    'Jurong|Tampines|Ang Mo Kio|Toa Payoh|Bukit Timah|Sengkang|Punggol|Yishun|Bedok|Hougang|Clementi|Changi|星加坡|' +
    '狮城|獅城',
  AE:
    'Dubai|Abu Dhabi|Sharjah|Ajman|Al Ain|Ras Al Khaimah|Fujairah|Umm Al Quwain|Jebel Ali|Khor Fakkan|迪拜|杜拜|' +
    '阿布扎比|阿布達比|沙迦|دبي|أبوظبي|الشارقة',
  // A few more capitals and hubs that contact lists often name.
  IE: 'Dublin|Cork|都柏林',
  NL: 'Amsterdam|Rotterdam|The Hague|Utrecht|阿姆斯特丹',
  AT: 'Vienna|Wien|Salzburg|维也纳',
  CH: 'Zurich|Geneva|Geneve|Basel|Bern|苏黎世|日内瓦',
  BE: 'Brussels|Bruxelles|Antwerp|Brussel',
  SE: 'Stockholm|Gothenburg',
  NO: 'Oslo|Bergen',
  DK: 'Copenhagen|Kobenhavn',
  PL: 'Warsaw|Warszawa|Krakow',
  PT: 'Lisbon|Lisboa|Porto',
  GR: 'Athens|雅典',
  TR: 'Istanbul|Ankara|伊斯坦布尔',
  EG: 'Cairo|开罗',
  NG: 'Lagos|Abuja',
  KE: 'Nairobi',
  ZA: 'Johannesburg|Cape Town|Durban|约翰内斯堡',
  IL: 'Tel Aviv|Jerusalem',
  SA: 'Riyadh|Jeddah|利雅得',
  QA: 'Doha|多哈',
  PK: 'Karachi|Lahore|Islamabad|Sindh|卡拉奇',
  BD: 'Dhaka',
  TH: 'Bangkok|Phuket|Chiang Mai|曼谷|普吉',
  ID: 'Jakarta|Bali|Surabaya|雅加达|巴厘岛',
  MY: 'Kuala Lumpur|Penang|Johor Bahru|吉隆坡|槟城',
  PH: 'Manila|Cebu|Quezon City|马尼拉',
  VN: 'Hanoi|Ho Chi Minh City|Saigon|河内|胡志明市',
  TW: 'Taipei|Kaohsiung|Taichung|Tainan|台北|臺北|高雄|台中|臺中|台南|臺南',
  HK: 'Kowloon|尖沙咀|铜锣湾|銅鑼灣',
  MO: 'Macau|Macao',
  NZ: 'Auckland|Wellington|Christchurch|奥克兰',
  AR: 'Buenos Aires|布宜诺斯艾利斯',
  CO: 'Bogota|Medellin',
  SV: 'San Salvador',
  VE: 'Caracas'
}

const REGIONS: Record<string, string> = {
  US:
    'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|' +
    'Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|' +
    'Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|' +
    'Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|' +
    'West Virginia|Wisconsin|Wyoming|District of Columbia|New England|Nuevo Mexico|Nueva Jersey|加州|加利福尼亚|加利福尼亞|得克萨斯|' +
    '佛罗里达|佛羅里達|纽约州|紐約州|新泽西|新澤西|夏威夷|马里兰|馬里蘭|麻省|马萨诸塞',
  CA:
    'Ontario|Quebec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Newfoundland|' +
    'Newfoundland and Labrador|Prince Edward Island|Yukon|Northwest Territories|Nunavut|安大略|魁北克|卑诗省',
  AU:
    'New South Wales|Queensland|Western Australia|South Australia|Tasmania|Northern Territory|' +
    'Australian Capital Territory|新南威尔士|昆士兰',
  CN:
    'Hebei|河北|Shanxi|山西|Liaoning|辽宁|遼寧|Jilin|吉林|Heilongjiang|黑龙江|黑龍江|Jiangsu|江苏|江蘇|Zhejiang|浙江|' +
    'Anhui|安徽|Fujian|福建|Jiangxi|江西|Shandong|山东|山東|Henan|河南|Hubei|湖北|Hunan|湖南|Guangdong|广东|廣東|' +
    'Hainan|海南|Sichuan|四川|Guizhou|贵州|貴州|Yunnan|云南|雲南|Shaanxi|陕西|陝西|Gansu|甘肃|甘肅|Qinghai|青海|' +
    'Inner Mongolia|Nei Mongol|内蒙古|內蒙古|Guangxi|广西|廣西|Tibet|Xizang|西藏|Ningxia|宁夏|寧夏|Xinjiang|新疆|' +
    '北京市|上海市|天津市|重庆市|重慶市',
  IN:
    'Maharashtra|Karnataka|Tamil Nadu|Kerala|Gujarat|Telangana|Andhra Pradesh|Uttar Pradesh|West Bengal|Rajasthan|' +
    'Bihar|Punjab|Haryana|Goa|Odisha|Madhya Pradesh',
  DE:
    'Bayern|Bavaria|Baden Wurttemberg|Nordrhein Westfalen|North Rhine Westphalia|Hessen|Hesse|Niedersachsen|' +
    'Lower Saxony|Sachsen|Saxony|Thuringen|Schleswig Holstein|Rheinland Pfalz|Brandenburg|Mecklenburg Vorpommern|' +
    'Saarland|Sachsen Anhalt',
  GB:
    'Lincolnshire|Yorkshire|Lancashire|Oxfordshire|Cambridgeshire|Hampshire|Greater London|Merseyside|Cornwall|' +
    'Devon|Surrey|Essex|West Midlands|Greater Manchester',
  JP: '東京都|大阪府|京都府|北海道|神奈川|埼玉|千葉|愛知|兵庫|Hokkaido|Kanagawa|Aichi|Hyogo',
  KR: 'Gyeonggi|경기도|京畿道',
  // Regions whose names hold another country's or state's name: the longest match keeps them apart.
  MX: 'Baja California|Baja California Sur|Jalisco|Nuevo Leon|Yucatan|Quintana Roo',
  BR: 'Minas Gerais|Bahia|Rio Grande do Sul|Parana|Santa Catarina',
  ES: 'Andalusia|Andalucia|Catalonia|Cataluna|Catalunya|Galicia',
  IT: 'Lombardy|Lombardia|Tuscany|Toscana|Lazio|Sicily|Sicilia|Veneto|Piedmont|Piemonte',
  FR: 'Ile de France|Provence|Normandy|Normandie|Brittany|Bretagne|Alsace'
}

/*
 * Names with more than one well-known reading. The first code is the globally dominant one and wins when nothing
 * else in the cell decides; a country, state, province or postal shape in the same cell chooses among the others.
 */
const CLASHES = new Map<string, string[]>(
  Object.entries({
    london: ['GB', 'CA', 'US'],
    paris: ['FR', 'US'],
    birmingham: ['GB', 'US'],
    manchester: ['GB', 'US'],
    cambridge: ['GB', 'US'],
    oxford: ['GB', 'US'],
    plymouth: ['GB', 'US'],
    bath: ['GB', 'US'],
    york: ['GB', 'US'],
    boston: ['US', 'GB'],
    newcastle: ['GB', 'AU'],
    perth: ['AU', 'GB'],
    sydney: ['AU', 'CA'],
    melbourne: ['AU', 'US'],
    darwin: ['AU', 'US'],
    vancouver: ['CA', 'US'],
    halifax: ['CA', 'GB'],
    hyderabad: ['IN', 'PK'],
    punjab: ['IN', 'PK'],
    'st petersburg': ['RU', 'US'],
    valencia: ['ES', 'VE'],
    cordoba: ['ES', 'AR'],
    granada: ['ES', 'GD', 'NI'],
    salvador: ['BR', 'SV'],
    guadalajara: ['MX', 'ES'],
    merida: ['MX', 'ES', 'VE'],
    'san jose': ['US', 'CR'],
    dublin: ['IE', 'US'],
    athens: ['GR', 'US'],
    lagos: ['NG', 'PT'],
    georgia: ['GE', 'US']
  })
)

// Words around a city name that make it a street's name ("London Road", "rue de Paris"), which is no evidence.
const STREET_AFTER = new Set(
  'road rd street avenue ave boulevard blvd lane drive highway hwy pike square terrace strasse str weg allee gasse platz'.split(
    ' '
  )
)
const STREET_BEFORE = new Set(
  'rue avenue av avenida calle via viale rua boulevard bd corso piazza plaza carrer camino chemin route strada paseo'.split(
    ' '
  )
)
const STREET_ARTICLES = new Set('de du des di da do del della la le d'.split(' '))
const CJK_STREET = /^(?:[东西南北中東]?[路街巷弄]|大道|大街)/

interface Tables {
  latin: Map<string, Entry>
  /** The most words any Latin name has, so the n-gram scan knows where to start. */
  latinMaxWords: number
  /** First words of Latin names: a token that starts none is skipped at once. */
  latinFirst: Set<string>
  cjk: Map<string, Entry>
  /** For each first character of a CJK name, the lengths of names starting with it, longest first. */
  cjkLengths: Map<string, number[]>
  usStates: Set<string>
  caProvinces: Set<string>
  isoCodes: Set<string>
}

let tables: Tables | undefined

/** Latin-script words of a text: accents and case folded, Han/kana/Hangul dropped, "saint" as "st". */
function latinWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/&/g, ' and ')
    .replace(CJK_ALL, ' ')
  const words = folded.match(TOKEN) ?? []
  for (let i = 0; i < words.length; i++) if (words[i] === 'saint') words[i] = 'st'
  return words
}

function cjkKey(text: string): string {
  return text.normalize('NFKC')
}

function buildTables(): Tables {
  const latin = new Map<string, Entry>()
  const cjk = new Map<string, Entry>()

  const add = (name: string, codes: string[], tier: number): void => {
    const isCjk = CJK_TEST.test(name)
    let key: string
    if (isCjk) {
      key = cjkKey(name).replace(/\s+/g, '')
      if (key.length < 2) return
    } else {
      const words = latinWords(name)
      if (words[0] === 'the' && words.length > 1) words.shift()
      key = words.join(' ')
      if (!key) return
      if (tier === TIER_COUNTRY && words.length === 1 && key.length < 4 && !SHORT_NAMES_OK.has(key)) return
    }
    if (TEXT_STOP.has(key)) return
    const map = isCjk ? cjk : latin
    const existing = map.get(key)
    if (!existing) {
      map.set(key, { codes: [...codes], tier })
      return
    }
    // Same name twice (a state that is also a country, a city that is also a province): keep every reading,
    // the first one added first, at the stronger of the two strengths.
    for (const code of codes) if (!existing.codes.includes(code)) existing.codes.push(code)
    existing.tier = Math.max(existing.tier, tier)
  }

  forEachCountryName([...LATIN_LOCALES, ...CJK_LOCALES], (name, code) => add(name, [code], TIER_COUNTRY))
  for (const [name, code] of EXTRA_COUNTRY_NAMES) add(name, [code], TIER_COUNTRY)

  const addList = (lists: Record<string, string>, tier: number): void => {
    for (const [code, list] of Object.entries(lists)) {
      for (const name of list.split('|')) {
        const key = CJK_TEST.test(name) ? name : latinWords(name).join(' ')
        add(name, CLASHES.get(key) ?? [code], tier)
      }
    }
  }
  addList(REGIONS, TIER_REGION)
  addList(CITIES, TIER_CITY)
  // The clash table sets the order of readings, also where a country name in some language got there first
  // (Spanish "Granada" is Grenada, French "Salvador" is El Salvador).
  for (const [key, codes] of CLASHES) {
    const entry = latin.get(key)
    if (entry) entry.codes = [...codes, ...entry.codes.filter((code) => !codes.includes(code))]
  }
  for (const phrase of NOT_PLACES) {
    const key = CJK_TEST.test(phrase) ? cjkKey(phrase) : latinWords(phrase).join(' ')
    ;(CJK_TEST.test(phrase) ? cjk : latin).set(key, { codes: [], tier: TIER_COUNTRY })
  }

  let latinMaxWords = 1
  const latinFirst = new Set<string>()
  for (const key of latin.keys()) {
    const words = key.split(' ')
    latinMaxWords = Math.max(latinMaxWords, words.length)
    latinFirst.add(words[0])
  }
  const cjkLengths = new Map<string, number[]>()
  for (const key of cjk.keys()) {
    const first = key[0]
    const lengths = cjkLengths.get(first) ?? []
    if (!lengths.includes(key.length)) lengths.push(key.length)
    cjkLengths.set(first, lengths)
  }
  for (const lengths of cjkLengths.values()) lengths.sort((a, b) => b - a)

  return {
    latin,
    latinMaxWords,
    latinFirst,
    cjk,
    cjkLengths,
    usStates: new Set([...US_STATE_CODES.split(' '), ...US_TERRITORY_CODES]),
    caProvinces: new Set(CA_PROVINCE_CODES.split(' ')),
    isoCodes: new Set(getCountries())
  }
}

function getTables(): Tables {
  tables ??= buildTables()
  return tables
}

function isStreetName(words: string[], start: number, end: number): boolean {
  if (end < words.length && STREET_AFTER.has(words[end])) return true
  const before = words[start - 1]
  if (before === undefined) return false
  if (STREET_BEFORE.has(before)) return true
  return STREET_ARTICLES.has(before) && start >= 2 && STREET_BEFORE.has(words[start - 2])
}

/** Names in the Latin-script words, longest first at each position, so "New York" is not read as "York". */
function latinHits(text: string, t: Tables, hits: Hit[]): void {
  const words = latinWords(text)
  let i = 0
  while (i < words.length) {
    if (!t.latinFirst.has(words[i])) {
      i++
      continue
    }
    let matched = 0
    for (let n = Math.min(t.latinMaxWords, words.length - i); n >= 1; n--) {
      const entry = t.latin.get(n === 1 ? words[i] : words.slice(i, i + n).join(' '))
      if (!entry) continue
      if (entry.codes.length > 0 && !isStreetName(words, i, i + n)) hits.push(entry)
      matched = n
      break
    }
    i += matched || 1
  }
}

/** Names in Han, kana or Hangul, found by substring, leftmost and then longest first. */
function cjkHits(text: string, t: Tables, hits: Hit[]): void {
  const s = cjkKey(text)
  let i = 0
  while (i < s.length) {
    const lengths = t.cjkLengths.get(s[i])
    let matched = 0
    if (lengths) {
      for (const length of lengths) {
        if (i + length > s.length) continue
        const entry = t.cjk.get(s.slice(i, i + length))
        if (!entry) continue
        // A city name right before 路/街 is a street named after it (台北市南京東路), not the city.
        const street = entry.tier <= TIER_REGION && CJK_STREET.test(s.slice(i + length, i + length + 2))
        if (entry.codes.length > 0 && !street) hits.push(entry)
        matched = length
        break
      }
    }
    i += matched || 1
  }
}

/**
 * Postal shapes. A two-letter code after a comma counts as a US state or Canadian province by itself only when it
 * is not also a country code; ", CA", ", IN" or ", DE" at the end (California or Canada? Indiana or India?) only
 * choose among readings the rest of the cell already allows ("Cambridge, MA"), and are returned as hints.
 */
function postalHits(text: string, t: Tables, hits: Hit[], hints: Hit[]): void {
  const s = text.normalize('NFKC')
  const stateRegion = (code: string): string => (US_TERRITORY_CODES.includes(code) ? code : 'US')
  for (const match of s.matchAll(US_ZIP)) {
    if (t.usStates.has(match[1])) hits.push({ codes: [stateRegion(match[1])], tier: TIER_POSTAL })
  }
  for (const match of s.matchAll(CA_POSTAL)) {
    if (t.caProvinces.has(match[1])) hits.push({ codes: ['CA'], tier: TIER_POSTAL })
  }
  if (AU_POSTAL.test(s)) hits.push({ codes: ['AU'], tier: TIER_POSTAL })
  if (JP_POSTAL.test(s)) hits.push({ codes: ['JP'], tier: TIER_POSTAL })
  for (const match of s.matchAll(STATE_AT_END)) {
    const code = match[1]
    const region = t.usStates.has(code) ? stateRegion(code) : t.caProvinces.has(code) ? 'CA' : null
    if (!region) continue
    const hit = { codes: [region], tier: TIER_POSTAL }
    if (t.isoCodes.has(code)) hints.push(hit)
    else hits.push(hit)
  }
}

/** The country the evidence points to: the strongest readings first, a weaker one only when it agrees. */
function decide(hits: Hit[], hints: Hit[]): string | null {
  let allowed: Set<string> | null = null
  let lead: readonly string[] | null = null
  for (const tier of [TIER_POSTAL, TIER_COUNTRY, TIER_REGION, TIER_CITY]) {
    const here = hits.filter((hit) => hit.tier === tier)
    // Readings a stronger one contradicts are outvoted ("London, Ontario": not GB).
    const current: Set<string> | null = allowed
    const agreeing = current ? here.filter((hit) => hit.codes.some((code) => current.has(code))) : here
    if (agreeing.length === 0) continue
    let common: Set<string> = new Set(current ?? agreeing[0].codes)
    for (const hit of agreeing) {
      const before = common
      common = new Set(hit.codes.filter((code) => before.has(code)))
    }
    // Two countries at the same strength and nothing stronger to choose: not evidence.
    if (common.size === 0) return null
    allowed = common
    lead ??= agreeing[0].codes
  }
  if (!allowed || !lead) return null
  for (const hint of hints) {
    const narrowed: string[] = hint.codes.filter((code) => allowed?.has(code))
    if (narrowed.length > 0) allowed = new Set(narrowed)
  }
  if (allowed.size === 1) return [...allowed][0]
  return lead.find((code) => allowed?.has(code)) ?? null
}

/**
 * The ISO alpha-2 country a free-text place cell names ("Munich, Germany" → DE, "上海市浦东新区" → CN,
 * "Cambridge, MA 02139" → US), or null when it names none, or two that nothing in the cell decides between.
 * Cells over 300 characters are not read. Tables are built on the first call.
 */
export function placeRegion(text: string): string | null {
  if (typeof text !== 'string') return null
  const trimmed = text.trim()
  if (!trimmed || trimmed.length > MAX_CELL) return null
  // A whole cell that is a country name or code. Bare digits are left out: in a place column they are a house
  // number or a postcode, not a calling code.
  if (!DIGITS_ONLY.test(trimmed)) {
    // Except a city the clash table reads otherwise: "Granada" alone is the Spanish city, not Grenada.
    const clash = CLASHES.get(latinWords(trimmed).join(' '))
    if (clash) return clash[0]
    const whole = resolveRegion(trimmed)
    if (whole) return whole
  }
  const t = getTables()
  const hits: Hit[] = []
  const hints: Hit[] = []
  postalHits(trimmed, t, hits, hints)
  latinHits(trimmed, t, hits)
  if (CJK_TEST.test(trimmed)) cjkHits(trimmed, t, hits)
  return decide(hits, hints)
}

// ---------------------------------------------------------------------------------------------------------------
// Place headers

// Whole words (after splitting on spaces, punctuation, digits and camelCase) that name a place column.
const PLACE_WORDS = new Set([
  // English
  'city',
  'town',
  'address',
  'addr',
  'street',
  'location',
  'region',
  'state',
  'province',
  'country',
  'nation',
  'locality',
  'zip',
  'zipcode',
  'postcode',
  'postal',
  'county',
  'district',
  'suburb',
  'village',
  'municipality',
  'prefecture',
  'territory',
  'hometown',
  'birthplace',
  'residence',
  // German
  'stadt',
  'ort',
  'wohnort',
  'geburtsort',
  'standort',
  'adresse',
  'anschrift',
  'land',
  'bundesland',
  'herkunftsland',
  'heimatland',
  'strasse',
  'plz',
  'postleitzahl',
  // French
  'ville',
  'pays',
  'departement',
  'commune',
  // Spanish, Portuguese, Italian
  'ciudad',
  'direccion',
  'pais',
  'provincia',
  'estado',
  'localidad',
  'municipio',
  'cidade',
  'endereco',
  'regiao',
  'bairro',
  'cep',
  'citta',
  'indirizzo',
  'paese',
  'regione',
  'comune',
  // Dutch
  'stad',
  'plaats',
  'woonplaats',
  'adres',
  'provincie'
])

// Words that make an "address" something else: an e-mail, IP or web address is not a place.
const NOT_PLACE_WORDS = new Set([
  'email',
  'mail',
  'ip',
  'ipv4',
  'ipv6',
  'mac',
  'web',
  'website',
  'url',
  'uri',
  'internet',
  'wallet',
  'bitcoin',
  'btc',
  'eth',
  'server',
  'host',
  'electronic',
  'electronique',
  'electronico',
  'eletronico',
  'correo',
  'courriel',
  'mailadresse',
  'emailadresse',
  'webadresse',
  'ipadresse',
  'emailaddress',
  'ipaddress',
  'webaddress'
])

// Compounds written as one word: a place word with one of these in front ("homeaddress", "billingcity") or behind
// ("cityname", "zipcode", "addressline"). Only these: "capacity" or "velocity" end in "city" but are not places.
const COMPOUND_HEADS = [
  'home',
  'work',
  'billing',
  'shipping',
  'mailing',
  'delivery',
  'business',
  'office',
  'postal',
  'street',
  'residential',
  'birth',
  'current',
  'primary',
  'other',
  'company',
  'contact',
  'liefer',
  'rechnungs',
  'heimat',
  'wohn'
]
const COMPOUND_TAILS = ['name', 'code', 'id', 'line', 'zip']
const COMPOUND_WORDS = [
  'city',
  'town',
  'address',
  'street',
  'state',
  'province',
  'country',
  'region',
  'stadt',
  'adresse'
]

const CJK_PLACE_WORDS = [
  '城市',
  '地址',
  '住址',
  '所在地',
  '地区',
  '地區',
  '省份',
  '国家',
  '國家',
  '籍贯',
  '籍貫',
  '住所',
  '都市',
  '居住地',
  '地点',
  '地點',
  '区域',
  '區域',
  '都道府県',
  '주소',
  '도시',
  '국가',
  '지역'
]
// Single characters that are a place column only as the whole header, or a header made of them only ("省市区").
const CJK_PLACE_CHARS = new Set('省市区區县縣国國州都道府県町村镇鎮乡鄉')
const CJK_NOT_PLACE = /邮|郵|电子|電子|网|網|(?<![a-z])ip(?![a-z])|メール|이메일/i
const CJK_STRIP = /[^\p{L}\p{N}]+/gu

function isPlaceWord(word: string): boolean {
  if (PLACE_WORDS.has(word)) return true
  for (const place of COMPOUND_WORDS) {
    if (word.length <= place.length) continue
    if (word.endsWith(place) && COMPOUND_HEADS.includes(word.slice(0, -place.length))) return true
    if (word.startsWith(place)) {
      const tail = word.slice(place.length)
      if (COMPOUND_TAILS.includes(tail) || COMPOUND_WORDS.includes(tail)) return true
    }
  }
  return false
}

/**
 * Whether a column header names a place (city, address, region, country, postcode…) in English, German, French,
 * Spanish, Portuguese, Italian, Dutch, Chinese, Japanese or Korean. Word-aware: "Billing City", "home_address",
 * "cityName", "收货地址" are places; "Capacity", "Email Address", "IP地址" are not. A one-word compound counts only
 * with a known head or tail ("cityname", "homeaddress"), so "cityscape" does not.
 */
export function isPlaceHeader(header: string): boolean {
  if (typeof header !== 'string') return false
  const text = header.trim()
  if (!text || text.length > 100) return false
  if (CJK_TEST.test(text)) {
    if (CJK_NOT_PLACE.test(text)) return false
    const cjk = text.replace(CJK_STRIP, '')
    if (CJK_PLACE_WORDS.some((word) => cjk.includes(word))) return true
    const chars = [...(text.match(CJK_ALL)?.join('') ?? '')]
    if (chars.length > 0 && chars.length <= 4 && chars.every((char) => CJK_PLACE_CHARS.has(char))) return true
  }
  const spaced = text.replace(/([a-z])([A-Z])/g, '$1 $2')
  const words = latinWords(spaced)
  // "E-mail" splits into "e" + "mail".
  if (words.some((word) => NOT_PLACE_WORDS.has(word))) return false
  return words.some(isPlaceWord)
}
