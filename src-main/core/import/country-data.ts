// ISO 3166-1 alpha-2 with its alpha-3 twin, plus the two non-ISO codes people actually write (UK, XK).
const PAIRS =
  'AD:AND AE:ARE AF:AFG AG:ATG AI:AIA AL:ALB AM:ARM AO:AGO AQ:ATA AR:ARG AS:ASM AT:AUT AU:AUS AW:ABW AX:ALA ' +
  'AZ:AZE BA:BIH BB:BRB BD:BGD BE:BEL BF:BFA BG:BGR BH:BHR BI:BDI BJ:BEN BL:BLM BM:BMU BN:BRN BO:BOL BQ:BES ' +
  'BR:BRA BS:BHS BT:BTN BV:BVT BW:BWA BY:BLR BZ:BLZ CA:CAN CC:CCK CD:COD CF:CAF CG:COG CH:CHE CI:CIV CK:COK ' +
  'CL:CHL CM:CMR CN:CHN CO:COL CR:CRI CU:CUB CV:CPV CW:CUW CX:CXR CY:CYP CZ:CZE DE:DEU DJ:DJI DK:DNK DM:DMA ' +
  'DO:DOM DZ:DZA EC:ECU EE:EST EG:EGY EH:ESH ER:ERI ES:ESP ET:ETH FI:FIN FJ:FJI FK:FLK FM:FSM FO:FRO FR:FRA ' +
  'GA:GAB GB:GBR GD:GRD GE:GEO GF:GUF GG:GGY GH:GHA GI:GIB GL:GRL GM:GMB GN:GIN GP:GLP GQ:GNQ GR:GRC GS:SGS ' +
  'GT:GTM GU:GUM GW:GNB GY:GUY HK:HKG HM:HMD HN:HND HR:HRV HT:HTI HU:HUN ID:IDN IE:IRL IL:ISR IM:IMN IN:IND ' +
  'IO:IOT IQ:IRQ IR:IRN IS:ISL IT:ITA JE:JEY JM:JAM JO:JOR JP:JPN KE:KEN KG:KGZ KH:KHM KI:KIR KM:COM KN:KNA ' +
  'KP:PRK KR:KOR KW:KWT KY:CYM KZ:KAZ LA:LAO LB:LBN LC:LCA LI:LIE LK:LKA LR:LBR LS:LSO LT:LTU LU:LUX LV:LVA ' +
  'LY:LBY MA:MAR MC:MCO MD:MDA ME:MNE MF:MAF MG:MDG MH:MHL MK:MKD ML:MLI MM:MMR MN:MNG MO:MAC MP:MNP MQ:MTQ ' +
  'MR:MRT MS:MSR MT:MLT MU:MUS MV:MDV MW:MWI MX:MEX MY:MYS MZ:MOZ NA:NAM NC:NCL NE:NER NF:NFK NG:NGA NI:NIC ' +
  'NL:NLD NO:NOR NP:NPL NR:NRU NU:NIU NZ:NZL OM:OMN PA:PAN PE:PER PF:PYF PG:PNG PH:PHL PK:PAK PL:POL PM:SPM ' +
  'PN:PCN PR:PRI PS:PSE PT:PRT PW:PLW PY:PRY QA:QAT RE:REU RO:ROU RS:SRB RU:RUS RW:RWA SA:SAU SB:SLB SC:SYC ' +
  'SD:SDN SE:SWE SG:SGP SH:SHN SI:SVN SJ:SJM SK:SVK SL:SLE SM:SMR SN:SEN SO:SOM SR:SUR SS:SSD ST:STP SV:SLV ' +
  'SX:SXM SY:SYR SZ:SWZ TC:TCA TD:TCD TF:ATF TG:TGO TH:THA TJ:TJK TK:TKL TL:TLS TM:TKM TN:TUN TO:TON TR:TUR ' +
  'TT:TTO TV:TUV TW:TWN TZ:TZA UA:UKR UG:UGA UM:UMI US:USA UY:URY UZ:UZB VA:VAT VC:VCT VE:VEN VG:VGB VI:VIR ' +
  'VN:VNM VU:VUT WF:WLF WS:WSM YE:YEM YT:MYT ZA:ZAF ZM:ZMB ZW:ZWE XK:XKX UK:GBR'

const ALPHA2 = new Set<string>()
const ALPHA3 = new Set<string>()
for (const pair of PAIRS.split(' ')) {
  const [a2, a3] = pair.split(':')
  ALPHA2.add(a2)
  ALPHA3.add(a3)
}

/** Names people write that the CLDR display names do not cover. */
const ALIASES = [
  'usa',
  'us',
  'u s a',
  'u s',
  'america',
  'united states of america',
  'uk',
  'u k',
  'great britain',
  'britain',
  'england',
  'scotland',
  'wales',
  'northern ireland',
  'holland',
  'korea',
  'republic of korea',
  'russian federation',
  'czech republic',
  'ivory coast',
  'turkey',
  'viet nam',
  'macedonia',
  'swaziland',
  'burma',
  'deutschland',
  'espana',
  'brasil',
  'mexico',
  'uae',
  'ksa'
]

const NAME_LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'pt',
  'it',
  'nl',
  'pl',
  'tr',
  'ru',
  'zh',
  'ja',
  'ko',
  'ar',
  'hi'
]

let names: Set<string> | null = null

export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.,'’()\-_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function countryNames(): Set<string> {
  if (names) return names
  const out = new Set<string>(ALIASES)
  for (const locale of NAME_LOCALES) {
    let display: Intl.DisplayNames
    try {
      display = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' })
    } catch {
      continue
    }
    for (const code of ALPHA2) {
      try {
        const name = display.of(code)
        if (name) out.add(normalizeName(name))
      } catch {
        // A runtime without full ICU: codes still work.
      }
    }
  }
  names = out
  return out
}

export type CountryValue = 'alpha2' | 'alpha3' | 'name' | null

/** Whether a value is an ISO 3166 alpha-2 or alpha-3 code or a country name in one of the common languages. */
export function countryValue(value: string): CountryValue {
  const text = value.trim()
  if (text.length < 2 || text.length > 60) return null
  if (/^[A-Za-z]{2}$/.test(text)) return ALPHA2.has(text.toUpperCase()) ? 'alpha2' : null
  if (/^[A-Za-z]{3}$/.test(text) && ALPHA3.has(text.toUpperCase())) return 'alpha3'
  return countryNames().has(normalizeName(text)) ? 'name' : null
}

/**
 * Without a country header, a code must look like one: upper case, and not a word that is also a code ('No' is
 * Norway, 'IT' is Italy, and yes/no columns are common).
 */
export function looksLikeCountry(value: string, strict: boolean): boolean {
  const kind = countryValue(value)
  if (!kind || !strict || kind === 'name') return kind !== null
  const text = value.trim()
  return text === text.toUpperCase() && text !== 'NO'
}
