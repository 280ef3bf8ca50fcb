import { describe, expect, it } from 'vitest'
import { isPlaceHeader, placeRegion } from '@core/phone/places'

describe('placeRegion: a whole cell that is a country', () => {
  it.each<[string, string]>([
    ['Germany', 'DE'],
    ['Deutschland', 'DE'],
    ['德国', 'DE'],
    ['DE', 'DE'],
    ['USA', 'US'],
    ['+49', 'DE']
  ])('%s → %s', (cell, region) => {
    expect(placeRegion(cell)).toBe(region)
  })

  it('does not read bare digits as a calling code (a house number or postcode in a place column)', () => {
    expect(placeRegion('44')).toBeNull()
    expect(placeRegion('10001')).toBeNull()
  })
})

describe('placeRegion: country names inside longer text', () => {
  it.each<[string, string]>([
    ['Berlin, Germany', 'DE'],
    ['Munich, Germany', 'DE'],
    ['中国北京', 'CN'],
    ['London, United Kingdom', 'GB'],
    ['Tokyo Japan', 'JP'],
    ['Somewhere small, Deutschland', 'DE'],
    ['Kleinstadt, Allemagne', 'DE'],
    ['美国加州', 'US'],
    ['Reykjavik, Iceland', 'IS'],
    ['São Paulo, Brasil', 'BR'],
    ['Taipei, Taiwan', 'TW'],
    ['中国香港', 'HK'],
    ['Manchester, UK', 'GB'],
    ['加拿大安大略省多伦多市', 'CA'],
    ['美国纽约州纽约市', 'US'],
    ['德国慕尼黑', 'DE'],
    ['Calle de Alcalá, Madrid, España', 'ES'],
    ['Dubai Marina, Dubai, United Arab Emirates', 'AE']
  ])('%s → %s', (cell, region) => {
    expect(placeRegion(cell)).toBe(region)
  })

  it('never reads a short token inside a longer text as a country code', () => {
    expect(placeRegion('Log in')).toBeNull()
    expect(placeRegion('Go to IT dept')).toBeNull()
    expect(placeRegion('Unit 5, Building CN')).toBeNull()
  })

  it('ignores country names that are also names or words', () => {
    expect(placeRegion('Chad Smith')).toBeNull()
    expect(placeRegion('South America')).toBeNull()
    expect(placeRegion('Long Island')).toBeNull()
  })
})

describe('placeRegion: cities in English and Chinese', () => {
  it.each<[string, string]>([
    ['Shanghai', 'CN'],
    ['上海', 'CN'],
    ['上海市浦东新区世纪大道100号', 'CN'],
    ['广东省深圳市南山区', 'CN'],
    ['Hangzhou', 'CN'],
    ['重庆', 'CN'],
    ['香港九龙尖沙咀', 'HK'],
    ['澳門', 'MO'],
    ['台北市信义区', 'TW'],
    ['New York', 'US'],
    ['NYC', 'US'],
    ['Los Angeles', 'US'],
    ['San Francisco', 'US'],
    ['Seattle', 'US'],
    ['纽约', 'US'],
    ['伦敦', 'GB'],
    ['Edinburgh', 'GB'],
    ['München', 'DE'],
    ['Muenchen', 'DE'],
    ['Köln', 'DE'],
    ['Cologne', 'DE'],
    ['Mumbai', 'IN'],
    ['孟买', 'IN'],
    ['Bengaluru', 'IN'],
    ['巴黎', 'FR'],
    ['Lyon', 'FR'],
    ['東京都千代田区', 'JP'],
    ['东京', 'JP'],
    ['京都府', 'JP'],
    ['Seoul', 'KR'],
    ['서울특별시 강남구', 'KR'],
    ['Toronto', 'CA'],
    ['Melbourne', 'AU'],
    ['Rio de Janeiro', 'BR'],
    ['Barcelona', 'ES'],
    ['Firenze', 'IT'],
    ['Москва', 'RU'],
    ['Ciudad de México', 'MX'],
    ['新加坡', 'SG'],
    ['Tampines', 'SG'],
    ['Dubai', 'AE'],
    ['迪拜', 'AE'],
    ['Bath', 'GB']
  ])('%s → %s', (cell, region) => {
    expect(placeRegion(cell)).toBe(region)
  })

  it('finds a city inside an address', () => {
    expect(placeRegion('Flat 3, 21 Baker Street, London NW1 6XE')).toBe('GB')
    expect(placeRegion('Marienplatz 1, 80331 München')).toBe('DE')
    expect(placeRegion('Bandra West, Mumbai 400050')).toBe('IN')
  })

  it('prefers the longest name: New York is not York', () => {
    expect(placeRegion('York')).toBe('GB')
    expect(placeRegion('New York')).toBe('US')
    expect(placeRegion('New South Wales')).toBe('AU')
    expect(placeRegion('Inner Mongolia')).toBe('CN')
    // Spanish for New York and New Mexico, not York or Mexico.
    expect(placeRegion('Nueva York')).toBe('US')
    expect(placeRegion('Nuevo México')).toBe('US')
  })

  it('matches English names on word boundaries only', () => {
    expect(placeRegion('Parisian')).toBeNull()
    expect(placeRegion('bathroom')).toBeNull()
    expect(placeRegion('Berliner Weisse')).toBeNull()
  })

  it('does not take a street named after a city for the city', () => {
    expect(placeRegion('12 London Road, Brighton')).toBe('GB')
    expect(placeRegion('rue de Paris, Lyon')).toBe('FR')
    expect(placeRegion('台北市南京東路')).toBe('TW')
    expect(placeRegion('上海市南京西路')).toBe('CN')
  })
})

describe('placeRegion: postal shapes', () => {
  it.each<[string, string]>([
    ['New York, NY 10001', 'US'],
    ['1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA', 'US'],
    ['Springfield Gardens, NY 11413-2000', 'US'],
    ['San Juan, PR 00901', 'PR'],
    ['Toronto, ON M5V 3L9', 'CA'],
    ['Toronto, ON', 'CA'],
    ['Sydney NSW 2000', 'AU'],
    ['〒100-0001 千代田区', 'JP']
  ])('%s → %s', (cell, region) => {
    expect(placeRegion(cell)).toBe(region)
  })

  it('reads a two-letter state code only in the address shape and in capitals', () => {
    expect(placeRegion('Somewhere, ny 10001')).toBeNull()
    expect(placeRegion('NY 10001')).toBeNull()
  })

  it('lets an end-of-cell code that is also a country code only choose among readings', () => {
    // DE is Delaware or Germany, IN Indiana or India: the city decides.
    expect(placeRegion('Berlin, DE')).toBe('DE')
    expect(placeRegion('Mumbai, IN')).toBe('IN')
    // Alone it is not evidence.
    expect(placeRegion('Springfield, IL')).toBeNull()
  })
})

describe('placeRegion: names with several readings', () => {
  it.each<[string, string]>([
    ['Paris', 'FR'],
    ['Paris, TX', 'US'],
    ['Paris, Texas', 'US'],
    ['London', 'GB'],
    ['London, Ontario', 'CA'],
    ['London, ON', 'CA'],
    ['Birmingham', 'GB'],
    ['Birmingham, AL', 'US'],
    ['Birmingham, Alabama', 'US'],
    ['Cambridge', 'GB'],
    ['Cambridge, MA 02139', 'US'],
    ['Cambridge, MA', 'US'],
    ['Boston', 'US'],
    ['Boston, Lincolnshire', 'GB'],
    ['Hyderabad', 'IN'],
    ['Hyderabad, Pakistan', 'PK'],
    ['Newcastle', 'GB'],
    ['Newcastle NSW 2300', 'AU'],
    ['Newcastle, Australia', 'AU'],
    ['St. Petersburg', 'RU'],
    ['St. Petersburg, FL', 'US'],
    ['Atlanta, Georgia', 'US'],
    ['Georgia', 'GE'],
    ['Paris, Georgia', 'US'],
    ['New Brunswick, NJ 08901', 'US'],
    // Spanish "Granada" is Grenada and French "Salvador" is El Salvador; alone they are the cities.
    ['Granada', 'ES'],
    ['Granada, Nicaragua', 'NI'],
    ['Salvador', 'BR'],
    ['Salvador, Bahia', 'BR'],
    ['Tijuana, Baja California', 'MX'],
    ['Norwich, Norfolk, England', 'GB'],
    ['Guadalupe, Nuevo León', 'MX']
  ])('%s → %s', (cell, region) => {
    expect(placeRegion(cell)).toBe(region)
  })
})

describe('placeRegion: no evidence', () => {
  it('is null for two different countries that nothing decides between', () => {
    expect(placeRegion('Berlin, Paris')).toBeNull()
    expect(placeRegion('Germany / France')).toBeNull()
    expect(placeRegion('北京 伦敦')).toBeNull()
  })

  it('does not read mainland place names that share characters with foreign ones as foreign', () => {
    expect(placeRegion('常州市新北区')).toBe('CN')
    expect(placeRegion('重庆市九龙坡区')).toBe('CN')
    expect(placeRegion('山东省德州市')).toBe('CN')
    expect(placeRegion('西安市汉城湖')).toBe('CN')
  })

  it('is null for empty, garbage and over-long cells', () => {
    expect(placeRegion('')).toBeNull()
    expect(placeRegion('   ')).toBeNull()
    expect(placeRegion('xyz 123 !!!')).toBeNull()
    expect(placeRegion('unknown')).toBeNull()
    expect(placeRegion('constructor')).toBeNull()
    expect(placeRegion('toString')).toBeNull()
    expect(placeRegion(`${'x '.repeat(150)}Berlin`)).toBeNull()
  })
})

describe('isPlaceHeader', () => {
  it.each([
    'City',
    'Town',
    'Address',
    'Street',
    'Location',
    'Region',
    'State',
    'Province',
    'Country',
    'Nation',
    'Locality',
    'ZIP',
    'Zip Code',
    'Postal Code',
    'Billing City',
    'home_address',
    'billingCity',
    'Cityname',
    'Country/Region',
    'Address 1 - Formatted',
    'Shipping地址',
    '城市',
    '市',
    '地址',
    '住址',
    '所在地',
    '地区',
    '省',
    '省份',
    '国家',
    '国家地区',
    '籍贯',
    '收货地址',
    '省市区',
    'Stadt',
    'Ort',
    'Adresse',
    'Land',
    'Straße',
    'ville',
    'adresse',
    'pays',
    'ciudad',
    'dirección',
    'país',
    'cidade',
    'endereço',
    '住所',
    '都市',
    '国'
  ])('%s is a place header', (header) => {
    expect(isPlaceHeader(header)).toBe(true)
  })

  it.each([
    'Email',
    'Email Address',
    'E-mail Address',
    'emailAddress',
    'IP Address',
    'E-Mail-Adresse',
    'Adresse e-mail',
    'Dirección de correo electrónico',
    'Name',
    'Company',
    'Phone',
    'Capacity',
    'Velocity',
    'Cityscape',
    'Nationality',
    '姓名',
    '电话',
    '邮箱地址',
    'IP地址',
    '市场',
    '公司',
    ''
  ])('%s is not a place header', (header) => {
    expect(isPlaceHeader(header)).toBe(false)
  })
})
