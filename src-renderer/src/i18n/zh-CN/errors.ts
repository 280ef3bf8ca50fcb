// 简体中文: the 'errors' namespace. Keys mirror ../en/errors.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/errors'

const errors: Catalog<typeof en> = {
  unexpected: '出了点问题，请重试。',
  internal: '出了点问题：{detail}',
  transport_failed: 'Ringtrue 无法连接到后台进程。请重试；如果仍然失败，请重新启动 Ringtrue。',
  bad_response: '应用返回了窗口无法识别的内容。',
  invalid_request: 'Ringtrue 无法接受这个值。请检查该字段后重试；如果问题反复出现，请重新启动 Ringtrue。',
  unknown_channel: '未知操作 {channel}。',
  forbidden: '请求来自不受信任的页面。',
  not_an_image: '无法保存图表：图片不是 PNG 格式。',
  not_a_file:
    '{variant, select, folder {{name} 是文件夹，不是文件。} other {拖入的项目不是 Ringtrue 能打开的文件。}}',
  invalid_handle: 'Ringtrue 无法识别这个文件引用：请在应用中重新选择文件（不要手动输入路径）。',
  handle_not_allowed:
    '{name} 是{kind, select, open {打开的文件} save {选定的导出位置} written {导出生成的文件} other {导入的文件}}，不能通过这个引用{use, select, write {写入} reveal {在文件夹中显示} other {读取}}。',
  file_not_found: '{path} 不存在或无法读取。',
  file_changed: '{name} 在任务开始后已被修改，无法继续导入；请重新检查该文件。',
  export_cancelled: '导出已取消，没有写入或更改任何文件。',
  export_running: '这个导出正在写入中。',
  file_exists: '{name} 已存在。',
  would_overwrite_source: '这样会覆盖导入的原文件 {name}。确认后将替换原文件。',
  row_not_found: '第 {row} 行不属于这个任务。',
  job_not_found: '该任务已不存在。',
  job_running:
    '{variant, select, offline {任务仍在导入或离线检查中。} export {任务正在导出，请在导出完成后重试。} recheck {请先暂停任务，再重新检测行。} countries {请先暂停付费检测，再选择国家/地区。} other {任务已在运行。}}',
  job_not_running: '任务没有在运行。',
  job_cancelled: '已取消的任务无法继续。',
  job_failed:
    '{variant, select, stopped {检测未完成就停止了，因此没有导出任何内容。} other {任务没有完成。}}',
  job_not_finished:
    '“{name}”尚未完成（{status, select, draft {排队中} running {运行中} paused {已暂停} failed {失败} cancelled {已取消} other {{status}}}），请在完成后导出。',
  import_missing: '导入记录已丢失。',
  no_live_check: '这个任务没有付费检测，只运行了离线检查。',
  only_uncertain:
    '除 {count} 个可能已扣费的请求外，已没有需要检测的号码；只有在接受再次付费时才重新发送它们。',
  bad_comparison: '请选择这份名单的另一次检测进行对比。',
  bad_plan:
    '{variant, select, exportAfterLive {含付费检测的任务会在付费检测完成后导出。} notInterrupted {这个任务的离线检查并未中断（当前状态：{status}）。} noProvider {请为付费检测至少选择一个服务商。} duplicate {{provider} 在服务商顺序中出现了两次。} noLineType {请至少选择一种要送去付费检测的号码类型。} spendCap {支出上限必须大于或等于零。} other {付费检测的设置不完整。}}',
  bad_mapping:
    '{variant, select, column {工作表“{sheet}”中没有第 {column} 列。} tooMany {一个任务最多检查 {max} 个号码列，当前选择了 {count} 个。} countryIsPhone {国家/地区列不能同时作为号码列。} other {所选的列与这个工作表不符。}}',
  worker_failed:
    '{variant, select, exit {后台任务意外停止（退出代码 {exitCode}）。} other {后台任务失败：{detail}}}',
  cancelled: '{variant, select, import {已取消读取 {name}。} other {已由用户取消。}}',
  empty_file: '{name} 是空文件。',
  encrypted: '{name} 设有密码保护。请在 Excel 中打开它，移除密码（文件 › 信息 › 保护工作簿）后另存一份。',
  corrupt:
    '{variant, select, reason {无法读取 {name}：{reason}。} other {{name} 已损坏或不完整，无法读取；请重新下载或导出。}}',
  entity_bomb:
    '{name} 含有 XML 实体声明。电子表格从不需要它们，而它们常被用来耗尽内存，因此 Ringtrue 不会打开这个文件。',
  zip_bomb: '{name} 解压后的数据远超其文件大小（{reason}），因此 Ringtrue 不会打开它。',
  unsupported_format:
    '{variant, select, reason {{name} 不是 Ringtrue 能导入的文件（{reason}）；请使用 Excel 或 OpenDocument 工作簿、CSV 或文本文件，或 vCard。} other {{name} 不是 Ringtrue 能导入的文件；请使用 Excel 或 OpenDocument 工作簿、CSV 或文本文件，或 vCard。}}',
  binary_file: '{name} 是二进制文件，但不是 Ringtrue 能识别的电子表格；请另存为 .xlsx 或 .csv 后重试。',
  too_large:
    '{variant, select, reason {{name} 太大，无法导入：{reason}。} other {{name} 太大，无法导入（{size}，上限为 {limit}）；请另存为 CSV 或拆分成多个较小的文件。}}',
  too_many_rows:
    '{name} 的数据超过 {rows, number} 行，这是 Ringtrue 单个文件导入的上限；请拆分成多个较小的文件。',
  too_many_columns:
    '{name} 有{variant, select, counted { {columns, number} 列} other {过多的列}}；Ringtrue 每个工作表最多读取 {maxColumns, number} 列（Excel 的上限）。请只保留需要的列后重试。',
  sheet_not_found: '{name} 中没有名为“{sheet}”的工作表。',
  no_data:
    '{variant, select, sheet {{name} 中的工作表“{sheet}”是空的。} other {{name} 没有数据：所有工作表都是空的。}}',
  no_phone_column: '{name} 中没有看起来像电话号码的列；请手动选择号码列。',
  timeout: '读取 {name} 超过 {seconds} 秒，已停止；文件可能已损坏或过于复杂。',
  not_found: '找不到 {name}；它可能已被移动、重命名或删除。',
  no_key: '{provider} 无法使用：{detail}',
  key_origin_mismatch: '{provider} 的密钥是为另一个地址保存的，因此没有发送：{detail}',
  balance_failed: '无法查询余额：{detail}',
  invalid_settings:
    '{variant, select, field {{provider} 的设置项 {field} 无效。} telesignOnly {只有 Telesign 有认证方式和用途设置，{provider} 没有。} checkmobiOnly {只有 CheckMobi 有查询类型设置，{provider} 没有。} envUrl {{envVar} 不是 http:// 或 https:// 地址；请在设置它的地方修改。} other {该设置无效。}}',
  keychain_unavailable: '无法使用系统钥匙串：{reason} {hint}',
  keychain_failed: '系统钥匙串报告了错误：{detail}',
  invalid_account: '这个密钥不属于已知的服务商字段。',
  invalid_secret: '密钥无效：{detail}',
  invalid_origin: '密钥绑定的地址无效：{detail}',
  read_only: '无法修改：{detail}',
  store_locked:
    '数据文件夹正忙：另一个 Ringtrue（应用或命令行）正在写入 {file}，{seconds} 秒内没有完成。请等它完成后重试。',
  store_readonly:
    'Ringtrue 无法写入 {file}：{detail}。请让当前用户可以写入，或让 Ringtrue 使用其他数据文件夹（RINGTRUE_DATA_DIR，命令行用 --data-dir）。',
  store_unreadable:
    'Ringtrue 无法读取位于 {file} 的数据库：{detail}。请以它的所有者身份运行 Ringtrue、为当前用户授予访问权限，或让 Ringtrue 使用其他数据文件夹（RINGTRUE_DATA_DIR，命令行用 --data-dir）。',
  store_corrupt:
    '位于 {file} 的数据库已损坏（{detail}）；Ringtrue 没有改动它。请将它移到别处以重新开始，或恢复备份。',
  store_empty:
    '位于 {file} 的数据库是空的（0 字节），无法读取其中的任务；Ringtrue 没有改动它。请将它移到别处以重新开始，或恢复备份。',
  store_missing: '{file} 处还没有数据库。',
  store_outdated:
    '位于 {file} 的数据库由旧版 Ringtrue 写入，需要升级，这需要对 {folder} 有写入权限。请让该文件夹可写并运行一次 Ringtrue，然后重试。',
  store_full: '{file} 所在的磁盘已满。请释放一些空间后重试。',
  store_newer:
    '位于 {file} 的数据库由新版 Ringtrue 写入（架构版本 {version}）；请更新 Ringtrue 后再打开。Ringtrue 没有改动它。',
  store_tampered:
    '位于 {file} 的数据库与当前版本的 Ringtrue 不匹配（第 {version} 次迁移不同）；Ringtrue 没有改动它。请用写入它的 Ringtrue 打开，或将它移到别处以重新开始。'
}

export default errors
