// The application menu, in the UI language. Its commands go to the window over one push channel; the window
// runs them (the same code as its keyboard shortcuts).
import type { BrowserWindow, Menu, MenuItemConstructorOptions } from 'electron'
import { MENU_COMMAND_EVENT, type MenuCommand, type UiLanguage } from '@contract/types'

const WORDS = {
  en: {
    file: 'File',
    open: 'Open…',
    export: 'Export…',
    settings: 'Settings…',
    quit: 'Quit Ringtrue',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    find: 'Find',
    reload: 'Reload',
    devTools: 'Toggle Developer Tools',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close Window',
    about: 'About Ringtrue',
    hide: 'Hide Ringtrue',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    services: 'Services'
  },
  'zh-CN': {
    file: '文件',
    open: '打开…',
    export: '导出…',
    settings: '设置…',
    quit: '退出 Ringtrue',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    find: '查找',
    reload: '重新加载',
    devTools: '开发者工具',
    window: '窗口',
    minimize: '最小化',
    close: '关闭窗口',
    about: '关于 Ringtrue',
    hide: '隐藏 Ringtrue',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    services: '服务'
  }
} as const satisfies Record<UiLanguage, Record<string, string>>

export const MENU_ACCELERATORS: Record<MenuCommand, string> = {
  open: 'CmdOrCtrl+O',
  export: 'CmdOrCtrl+E',
  find: 'CmdOrCtrl+F',
  settings: 'CmdOrCtrl+,'
}

export interface MenuOptions {
  language: UiLanguage
  /** macOS keeps Settings and Quit in the application menu. */
  mac: boolean
  /** Reload and the developer tools only while developing. */
  dev: boolean
  send: (command: MenuCommand) => void
}

export function menuTemplate({ language, mac, dev, send }: MenuOptions): MenuItemConstructorOptions[] {
  const w = WORDS[language]
  // The window handles these keys itself (its shortcuts also work where there is no menu, as in the UI tests);
  // the menu only shows them, so a key press runs the command once, not twice.
  const command = (id: MenuCommand, label: string): MenuItemConstructorOptions => ({
    id,
    label,
    accelerator: MENU_ACCELERATORS[id],
    registerAccelerator: false,
    click: () => send(id)
  })
  const appMenu: MenuItemConstructorOptions = {
    label: 'Ringtrue',
    submenu: [
      { role: 'about', label: w.about },
      { type: 'separator' },
      command('settings', w.settings),
      { type: 'separator' },
      { role: 'services', label: w.services },
      { type: 'separator' },
      { role: 'hide', label: w.hide },
      { role: 'hideOthers', label: w.hideOthers },
      { role: 'unhide', label: w.unhide },
      { type: 'separator' },
      { role: 'quit', label: w.quit }
    ]
  }
  const file: MenuItemConstructorOptions = {
    label: w.file,
    submenu: [
      command('open', w.open),
      command('export', w.export),
      ...(mac
        ? []
        : ([
            { type: 'separator' },
            command('settings', w.settings),
            { type: 'separator' },
            { role: 'quit', label: w.quit }
          ] satisfies MenuItemConstructorOptions[]))
    ]
  }
  const edit: MenuItemConstructorOptions = {
    label: w.edit,
    submenu: [
      { role: 'undo', label: w.undo },
      { role: 'redo', label: w.redo },
      { type: 'separator' },
      { role: 'cut', label: w.cut },
      { role: 'copy', label: w.copy },
      { role: 'paste', label: w.paste },
      { role: 'selectAll', label: w.selectAll }
    ]
  }
  const view: MenuItemConstructorOptions = {
    label: w.view,
    submenu: [
      command('find', w.find),
      ...(dev
        ? ([
            { type: 'separator' },
            { role: 'reload', label: w.reload },
            { role: 'toggleDevTools', label: w.devTools }
          ] satisfies MenuItemConstructorOptions[])
        : [])
    ]
  }
  const windowMenu: MenuItemConstructorOptions = {
    label: w.window,
    submenu: [
      { role: 'minimize', label: w.minimize },
      { role: 'close', label: w.close }
    ]
  }
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu]
}

/** The part of Electron's Menu this needs, so a test can pass a fake. */
export type MenuBuilder = Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>

/** Builds the menu for `language` and makes it the application menu; call again when the language changes. */
export function installMenu(
  builder: MenuBuilder,
  window: () => BrowserWindow | null,
  options: Omit<MenuOptions, 'send'>
): void {
  const send = (command: MenuCommand): void => {
    const target = window()
    if (target && !target.isDestroyed()) target.webContents.send(MENU_COMMAND_EVENT, command)
  }
  builder.setApplicationMenu(builder.buildFromTemplate(menuTemplate({ ...options, send })))
}
