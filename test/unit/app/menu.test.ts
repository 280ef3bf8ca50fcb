import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { installMenu, menuTemplate, type MenuBuilder } from '../../../src-main/app/menu'

type Item = MenuItemConstructorOptions

function items(template: Item[]): Item[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])])
}

const byId = (template: Item[], id: string) => items(template).find((item) => item.id === id)
const labels = (template: Item[]) => template.map((item) => item.label)

describe('the application menu', () => {
  it('is written in English with the usual accelerators', () => {
    const template = menuTemplate({ language: 'en', mac: false, dev: false, send: () => {} })
    expect(labels(template)).toEqual(['File', 'Edit', 'View', 'Window'])
    expect(byId(template, 'open')).toMatchObject({ label: 'Open…', accelerator: 'CmdOrCtrl+O' })
    expect(byId(template, 'export')).toMatchObject({ label: 'Export…', accelerator: 'CmdOrCtrl+E' })
    expect(byId(template, 'find')).toMatchObject({ label: 'Find', accelerator: 'CmdOrCtrl+F' })
    expect(byId(template, 'settings')).toMatchObject({ label: 'Settings…', accelerator: 'CmdOrCtrl+,' })
    // The window's own key handler runs these; a registered accelerator would run them a second time.
    for (const id of ['open', 'export', 'find', 'settings'])
      expect(byId(template, id)?.registerAccelerator).toBe(false)
    expect(items(template).some((item) => item.role === 'quit')).toBe(true)
    expect(
      items(template)
        .filter((item) => item.role)
        .map((item) => item.role)
    ).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
  })

  it('is written in Simplified Chinese when that is the UI language', () => {
    const template = menuTemplate({ language: 'zh-CN', mac: false, dev: false, send: () => {} })
    expect(labels(template)).toEqual(['文件', '编辑', '视图', '窗口'])
    expect(byId(template, 'open')).toMatchObject({ label: '打开…', accelerator: 'CmdOrCtrl+O' })
    expect(byId(template, 'export')?.label).toBe('导出…')
    expect(byId(template, 'find')?.label).toBe('查找')
    expect(byId(template, 'settings')?.label).toBe('设置…')
    expect(items(template).find((item) => item.role === 'copy')?.label).toBe('复制')
  })

  it('puts Settings in the application menu on macOS, and reload and developer tools only in development', () => {
    const mac = menuTemplate({ language: 'en', mac: true, dev: false, send: () => {} })
    expect(labels(mac)[0]).toBe('Ringtrue')
    const appMenu = mac[0].submenu as Item[]
    expect(appMenu.some((item) => item.id === 'settings')).toBe(true)
    expect((mac[1].submenu as Item[]).some((item) => item.id === 'settings')).toBe(false)
    const roles = (template: Item[]) => items(template).map((item) => item.role)
    expect(roles(mac)).not.toContain('toggleDevTools')
    expect(roles(menuTemplate({ language: 'en', mac: false, dev: true, send: () => {} }))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools'])
    )
  })

  it('sends the clicked command to the window', () => {
    const built: Item[][] = []
    const builder: MenuBuilder = {
      buildFromTemplate: vi.fn((template: Item[]) => {
        built.push(template)
        return { template } as never
      }),
      setApplicationMenu: vi.fn()
    }
    const send = vi.fn()
    const window = { isDestroyed: () => false, webContents: { send } }
    installMenu(builder, () => window as never, { language: 'en', mac: false, dev: false })
    expect(builder.setApplicationMenu).toHaveBeenCalledTimes(1)
    const find = byId(built[0], 'find')
    ;(find?.click as () => void)()
    expect(send).toHaveBeenCalledWith('app:menu-command', 'find')
  })
})
