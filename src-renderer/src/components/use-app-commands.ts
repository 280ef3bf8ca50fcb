// The commands of the application menu (Open…, Export…, Find, Settings…), run in the window. In Electron the menu
// sends them; the same keys are handled here as page shortcuts, which is also how they work without a menu (the
// UI test host). The menu shows the accelerators without registering them, so each key press runs once.
import { useEffect } from 'react'
import type { MenuCommand } from '@contract/types'
import { useAppStore } from '../store'

const KEYS: Record<string, MenuCommand> = { o: 'open', e: 'export', f: 'find', ',': 'settings' }

/** The command a key press asks for: Ctrl (Cmd on macOS) with O, E, F or comma, and no other modifier. */
export function shortcutCommand(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  mac: boolean
): MenuCommand | null {
  const primary = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey
  if (!primary || event.altKey || event.shiftKey) return null
  return KEYS[event.key.toLowerCase()] ?? null
}

/** The last visible element marked `data-shortcut=name`: the page's own beats the sidebar's, which comes first. */
function target(name: string): HTMLElement | null {
  const all = Array.from(document.querySelectorAll<HTMLElement>(`[data-shortcut="${name}"]`))
  const visible = all.filter((element) => element.getClientRects().length > 0 && !element.closest('[inert]'))
  return visible.at(-1) ?? null
}

export function runAppCommand(command: MenuCommand): void {
  const state = useAppStore.getState()
  switch (command) {
    case 'open':
      if (state.appState !== 'ready') return
      state.navigate({ kind: 'import' })
      void state.chooseFile()
      return
    case 'export': {
      const button = target('export')
      if (button && !(button as HTMLButtonElement).disabled) button.click()
      return
    }
    case 'find': {
      const field = target('find')
      if (field) {
        field.focus()
        if (field instanceof HTMLInputElement) field.select()
      }
      return
    }
    case 'settings':
      state.navigate({ kind: 'settings' })
      return
  }
}

export function useAppCommands(): void {
  useEffect(() => {
    const mac = /Mac/i.test(navigator.platform)
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const command = shortcutCommand(event, mac)
      if (!command) return
      // Not while a dialog is open: its own fields and buttons have the keyboard.
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return
      event.preventDefault()
      runAppCommand(command)
    }
    window.addEventListener('keydown', onKey)
    const stopMenu = window.menu?.onMenuCommand((command) => runAppCommand(command))
    return () => {
      window.removeEventListener('keydown', onKey)
      stopMenu?.()
    }
  }, [])
}
