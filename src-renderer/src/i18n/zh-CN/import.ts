// 简体中文: the 'import' namespace. Keys mirror ../en/import.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/import'

const importMessages: Catalog<typeof en> = {
  screen: {
    title: '新建检测',
    subtitle: '导入联系人列表，选择号码列，Ringtrue 会规范化并检测每个号码。',
    openFailed: '无法打开该文件',
    readFailed: '无法读取该文件',
    reading: '正在读取 {name}…',
    readingFile: '正在读取文件…',
    detecting: '正在识别工作表、表头和号码列',
    readingLabel: '正在读取文件',
    noDroppedPath: 'Ringtrue 无法获取“{name}”的位置。请改用“选择文件…”打开。'
  },
  drop: {
    region: '将联系人列表拖到此处',
    title: '拖入联系人列表',
    or: '或',
    choose: '选择文件…',
    note: '文件只在本机读取。离线检查不会通过网络发送任何内容。'
  },
  preview: {
    updating: '正在更新预览',
    chooseAnother: '选择其他文件…',
    startFailed: '无法开始导入',
    fileProblem: '处理该文件时出错',
    settings: '导入设置',
    sheet: '工作表',
    sheetOption: '{name} — {count, plural, other {# 行}}',
    sheetOptionHidden: '{name}（隐藏）— {count, plural, other {# 行}}',
    headerRow: '表头行',
    headerChoice: '第 {row} 行是表头',
    headerChoiceHint: '第 {row} 行是表头 — {hint}',
    noHeader: '没有表头行',
    countryColumn: '国家列',
    countryNone: '无 — 使用默认国家',
    countryOption: '{letter} · {header}',
    countryOptionSuggested: '{letter} · {header}（推荐）',
    defaultCountry: '默认国家',
    searchCountries: '搜索国家…',
    warnings: '警告',
    separated: '{delimiter}分隔',
    rows: '{count, plural, other {# 行}}',
    blankRows: '{count, plural, other {已跳过 # 个空行}}',
    noPhoneColumn: '请至少选择一个包含电话号码的列。',
    summaryOffline: '{count, plural, other {# 个号码列}}：{names} · 仅离线检查',
    summaryPaid: '{count, plural, other {# 个号码列}}：{names} · 然后用 {chain} 付费检测，发送前需确认费用',
    start: '{count, plural, other {导入并检测 # 行}}'
  },
  countryNote: {
    applied:
      '对未写国家代码的号码，使用“{header}”列中每行的国家。号码如果不符合该行国家、但符合默认国家，则按默认国家读取并标记。',
    appliedSuggested:
      '推荐：对未写国家代码的号码，使用“{header}”列中每行的国家。号码如果不符合该行国家、但符合默认国家，则按默认国家读取并标记。',
    dontUse: '不使用国家列',
    defaultOnly: '未写国家代码的号码按默认国家读取。',
    suggestedUnused: '未写国家代码的号码按默认国家读取。“{header}”列看起来是每行的国家，目前未使用。',
    useSuggested: '将“{header}”用作国家列',
    column: '第 {letter} 列'
  },
  sample: {
    title: '预览',
    subtitle: '{count, plural, other {“{sheet}”的前 # 行，与文件中读取的一致。}}',
    row: '行',
    phoneColumn: '号码列',
    headerRow: '第 {row} 行，表头'
  },
  mapping: {
    title: '列',
    subtitle: '勾选所有包含电话号码的列。建议依据表头名称和单元格内容。',
    empty: '该工作表没有含数据的列。',
    noValues: '预览中没有值',
    phoneHint: '识别为号码列的把握程度',
    phone: '号码 · {pct}%',
    isCountry: '国家列',
    countryHint: '看起来是国家或地区列',
    country: '国家 · {pct}%',
    toggle: '电话号码',
    columnName: '第 {letter} 列：{header}'
  },
  split: {
    title: '列表中的国家',
    subtitleAll: '{count, plural, other {全部 # 行，按检测时的方式读取}}',
    subtitleFirst: '{count, plural, other {前 # 行，按检测时的方式读取}}',
    subtitleIdle: '号码列中的号码，按检测时的方式读取',
    working: '正在统计国家',
    workingDots: '正在统计国家…',
    choosePhone: '选择一个号码列，即可查看其号码所属的国家。',
    failed: '无法统计国家：{message}',
    unknownError: '未知错误',
    noNumbers: '这些列中没有找到电话号码。',
    other: '其他国家',
    isDefault: '（默认）',
    segment: '{name}：{share}',
    inferred: '{count, plural, other {# 个推断}}',
    ambiguous: '{count, plural, other {# 个有歧义}}',
    invalid: '{count, plural, other {# 个无效}}',
    ofNumbers: '{count, plural, other {（共 # 个号码）}}',
    inferredHint: '未写国家代码，根据列表中的线索按默认国家以外的国家读取',
    ambiguousHint: '在多个国家都有效且无法判断：在你选择之前暂不检测',
    invalidHint: '在列表涉及的任何国家都不是有效号码',
    mismatch: '其中 {share} 的号码看起来属于{country}，而默认国家是{defaultCountry}。',
    useAsDefault: '将{country}设为默认'
  },
  paid: {
    title: '付费检测',
    subOn: '免费的离线检查之后，有效号码会发送给下列服务商。发送前你会看到费用并确认。',
    subOff:
      '已关闭：只运行免费的离线检查（是否有效、国家、线路类型）。开启后可向状态服务商查询号码是否在用。',
    switchLabel: '离线检查后进行付费检测',
    on: '开',
    off: '关',
    chain: '服务商顺序',
    chainHint: '号码会发给第一个覆盖它的服务商（如果某一步限定了国家，也要覆盖其国家）。',
    loadingProviders: '正在加载服务商',
    noProviders: '尚未启用任何付费服务商。请在设置中开启并填写 API 密钥。',
    openSettings: '打开设置',
    addProvider: '添加服务商',
    chooseFirst: '选择第一个服务商…',
    addAnother: '再添加一个服务商…',
    providerOption: '{name} — {coverage}',
    providerOptionNoKey: '{name} — {coverage}（尚无密钥）',
    notEnabled: '未启用：{names}。',
    enableInSettings: '在设置中启用',
    fallback: '备用服务商',
    none: '无',
    spendCap: '支出上限',
    noCap: '不设上限',
    perCurrency: '按币种',
    fallbackHint:
      '首次结果为未知、不在覆盖范围或失败的号码，会再交给备用服务商。达到上限时检测会暂停，你可以提高上限后继续。',
    lineTypes: '发送的线路类型',
    lineTypesHint: '状态服务商检测的是手机号码；固定电话、免费电话等默认不发送，不产生费用。'
  },
  step: {
    noKey: '没有 API 密钥',
    setInSettings: '在设置中填写',
    disabled: '已在设置中停用',
    coverage: '覆盖范围',
    moveUp: '将 {name} 上移',
    moveUpTitle: '上移',
    moveDown: '将 {name} 下移',
    moveDownTitle: '下移',
    remove: '从顺序中移除 {name}',
    removeTitle: '移除',
    countries: '国家',
    everyCountry: '其覆盖的所有国家',
    limit: '限定部分国家',
    limitedTo: '此步骤限定的国家',
    removeCountry: '移除{name}',
    everyCountryItem: '其覆盖的所有国家',
    addCountry: '添加国家',
    typeCountry: '输入国家…',
    anyCountry: '不限国家'
  },
  advanced: {
    summary: '高级：复用以前的结果',
    hint: '同一服务商对同一号码的结果，在此期限内会免费复用。0 表示每次都重新查询。',
    days: '天',
    reset: '恢复默认值'
  },
  plan: {
    noProvider: '请为付费检测至少选择一个服务商。',
    twice: '同一服务商对所有国家出现了两次；请将其中一步限定为部分国家。',
    noLineType: '请至少选择一种要发送的线路类型。',
    badCap: '请将支出上限填为数字，如 25 或 12.50，或留空。',
    badFreshness: '请输入“{label}”的有效天数（0 到 {max}）。'
  }
}

export default importMessages
