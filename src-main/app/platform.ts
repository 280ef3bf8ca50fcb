import { dialog, shell, type BrowserWindow } from 'electron'
import type { Platform } from '../api/platform'

const SPREADSHEET_EXTENSIONS = ['xlsx', 'xlsm', 'xls', 'xlsb', 'ods', 'csv', 'tsv', 'txt', 'vcf']

export function electronPlatform(getWindow: () => BrowserWindow | null): Platform {
  return {
    async pickSpreadsheet() {
      const window = getWindow()
      const options: Electron.OpenDialogOptions = {
        title: 'Choose a contact list',
        properties: ['openFile'],
        filters: [
          { name: 'Contact lists', extensions: SPREADSHEET_EXTENSIONS },
          { name: 'All files', extensions: ['*'] }
        ]
      }
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async pickSavePath({ defaultName, format }) {
      const window = getWindow()
      const options: Electron.SaveDialogOptions = {
        title: format === 'png' ? 'Save chart' : 'Export cleaned list',
        defaultPath: defaultName,
        filters: [
          format === 'csv'
            ? { name: 'CSV', extensions: ['csv'] }
            : format === 'png'
              ? { name: 'PNG image', extensions: ['png'] }
              : { name: 'Excel workbook', extensions: ['xlsx'] }
        ]
      }
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options)
      return result.canceled ? null : (result.filePath ?? null)
    },
    async reveal(filePath) {
      shell.showItemInFolder(filePath)
    }
  }
}
