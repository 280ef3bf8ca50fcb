// 简体中文: the 'settings' namespace. Keys mirror ../en/settings.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/settings'

const settings: Catalog<typeof en> = {
  title: '设置',
  subtitle: '密钥保存在系统钥匙串中；Ringtrue 只知道是否已设置，从不显示密钥。',
  loading: '正在加载服务商',
  loadFailed: '无法加载服务商设置',
  loadFailedMessage: 'Ringtrue 无法读取设置。',
  tryAgain: '重试',
  nav: {
    label: '设置分区',
    providers: '服务商',
    general: '通用',
    appearance: '外观与语言',
    appearanceSummary: '{language} · {theme}',
    enabled: '已启用',
    disabled: '未启用',
    alwaysOn: '始终启用',
    keySaved: '已保存密钥',
    keyFromEnvironment: '密钥来自环境变量',
    noKey: '未设置密钥',
    keyOtherAddress: '密钥属于其他地址',
    noKeyNeeded: '无需密钥'
  },
  keychain: {
    title: '系统钥匙串不可用，无法在此保存密钥。',
    envHint: '可改用环境变量设置密钥：{pattern}，例如 {example}（Telesign 还需要 {customerVar}）。',
    details: '系统提供的详情'
  },
  badge: {
    live: '实时',
    offline: '离线',
    bulk: '批量',
    free: '免费 · 无需密钥'
  },
  card: {
    alwaysOn: '始终启用',
    enabled: '已启用',
    disabled: '未启用',
    enableTitle: '在检测中使用 {name}',
    disableTitle: '不再在检测中使用 {name}',
    coverage: '覆盖范围',
    basedOn: '数据来源',
    confidence: {
      network: '实时网络（HLR）',
      carrier_db: '运营商数据库',
      inferred: '推断，非实时查询'
    },
    numberingPlan: '号码规划数据',
    docs: '服务商文档'
  },
  section: {
    credentials: '凭据',
    connection: '连接与限制'
  },
  keyOrigin:
    '该密钥是为 {keyOrigin} 输入的；要在 {baseUrlOrigin} 使用，请重新输入。在此之前 Ringtrue 不会发送它。',
  key: {
    label: {
      apiKey: 'API 密钥',
      customerId: '客户 ID'
    },
    placeholderNew: {
      apiKey: '粘贴 API 密钥',
      customerId: '粘贴客户 ID'
    },
    placeholderReplace: {
      apiKey: '替换 API 密钥',
      customerId: '替换客户 ID'
    },
    removeTitle: {
      apiKey: '从钥匙串中移除 API 密钥',
      customerId: '从钥匙串中移除客户 ID'
    },
    save: '保存',
    remove: '移除',
    fromEnvironment: '已设置 {envVar}，将优先使用它，而不是钥匙串中保存的值。',
    state: {
      notSet: '未设置',
      keychain: '{kind, select, apiKey {已设置密钥} other {已设置}}{tail}（钥匙串）',
      environment: '{kind, select, apiKey {已设置密钥} other {已设置}}{tail}，来自 {envVar}（环境变量）'
    }
  },
  field: {
    authMode: '认证方式',
    authBasic: 'Basic 认证',
    authHmac: 'HMAC 签名（TSA）',
    useCase: '用途代码',
    useCaseHint: 'PhoneID 用途代码；除非 Telesign 另有说明，请填 OTHR。',
    lookup: '查询类型',
    lookupHlr: 'HLR — 实时网络状态',
    lookupMnp: 'MNP — 运营商与携号转网',
    baseUrl: '接口地址',
    baseUrlHint: '留空则使用服务商自己的地址；使用代理时再修改。',
    baseUrlEnv: '来自环境变量：{envVar} = {url}，将代替此处的设置。',
    concurrency: '并发请求数',
    ratePerSecond: '速率上限（每秒）',
    timeoutSeconds: '超时（秒）',
    pricePerLookup: '每次查询价格',
    currency: '货币'
  },
  invalid: {
    notNumber: '请输入数字。',
    wholeRange: '请输入 {min, number} 到 {max, number} 之间的整数。',
    range: '请输入 {min, number} 到 {max, number} 之间的数字。',
    baseUrl: '请输入以 http:// 或 https:// 开头的地址，且不含用户名和密码。',
    currency: '请输入三个字母的货币代码，例如 USD。',
    useCase: '请输入四个字母的 Telesign 用途代码，例如 OTHR。',
    summary: '请先更正标出的字段再保存。'
  },
  action: {
    save: '保存设置',
    test: '测试连接',
    saved: '设置已保存。'
  },
  saveRefused: 'Ringtrue 无法保存这些设置：有数值超出允许范围。请检查各字段后重试。',
  billedTest: {
    note: 'Telesign 没有免费的测试接口，每次测试都是一次计费查询。',
    title: '发送计费测试查询？',
    message:
      'Telesign 没有免费的接口可用来测试密钥。“测试连接”会对虚构号码 +1 202-555-0100 发送一次 PhoneID Live 查询，Telesign 会像其他查询一样计费。',
    price: '按此处设置的每次查询价格，约为 {price}。',
    confirm: '发送计费查询',
    cancel: '取消'
  },
  test: {
    connected: '连接成功。',
    failed: '连接失败。',
    balance: '余额：{amount} {currency}'
  },
  appearance: {
    title: '外观与语言',
    subtitle: '更改立即生效，下次启动时保留。',
    language: '语言',
    languageSystem: '跟随系统（{name}）',
    theme: '主题',
    themeSystem: '跟随系统',
    themeLight: '浅色',
    themeDark: '深色',
    saveFailed: '无法保存此选择：{message}'
  },
  providers: {
    offline: {
      name: '离线检查',
      measures:
        '根据号码规划数据判断号码格式是否正确、在其国家或地区是否可能存在，以及线路类型（手机、固定电话、免费电话等）；无法判断号码是否在用。',
      coverage: '所有国家和地区（libphonenumber 元数据）'
    },
    acedata: {
      measures:
        '由 Ace Data Cloud 经运营商数据聚合商转述的中国大陆运营商记录：号码是否在用、停机、销号、空号或不在网；不能说明手机此刻是否开机或可接通。',
      coverage: '中国大陆手机号码（+86）'
    },
    toolkk: {
      measures:
        '由 toolkk 聚合商转述的中国大陆运营商记录：号码状态（正常、关机、停机、在网但不可用、预销号、不在网），以及所属运营商和是否携号转网；并非实时网络探测。',
      coverage: '中国大陆手机号码（+86）'
    },
    checknumber: {
      measures:
        '基于大数据信号（设备系统、运营商和上网行为）估算的活跃度，并非实时网络或运营商登记查询：“失效”表示近期活跃度低，而不是线路已停用。',
      coverage:
        '所有国家和地区：号码需为国际 E.164 格式（文档未限定国家）。仅支持批量：服务商未公布 active_check 的最小任务规模；若小任务被拒，将沿用其给出的最小值。'
    },
    telesign: {
      measures:
        'Telesign 的实时运营商数据：号码订阅是否有效或已停用、手机此刻是否可接通，以及漫游、运营商和线路类型。',
      coverage:
        '原则上支持所有国家和地区；号码能否得到实时结果取决于其国家和运营商。仅限 Telesign 全功能账户。'
    },
    checkmobi: {
      measures:
        '移动网络中该号码此刻的 HLR 状态：已连接、不在服务区（关机或无法接通）、无服务或无效，以及当前运营商和是否携号转网。',
      coverage:
        'CheckMobi 有 HLR 路由的所有国家和地区的手机号码；固定电话改用免费的格式检查（北美除外，北美始终查询）。'
    }
  }
}

export default settings
