import { app, dialog, type BrowserWindow } from 'electron'
import type { Services } from '../core/services'

/**
 * Closing the window or quitting during a paid check asks first, then pauses cleanly: no new request leaves,
 * the ones in flight may answer (up to 15 s), and the job can be resumed later. Without this a quit would
 * leave requests in flight that the next start can only report as "possibly charged".
 */
export class PaidRunGuard {
  private pausing = false
  private released = false

  constructor(private readonly services: () => Services | null) {
    app.on('before-quit', (event) => {
      if (!this.mustAsk()) return
      event.preventDefault()
      if (this.confirm(null)) this.pauseThen(() => app.quit())
    })
  }

  watch(window: BrowserWindow): void {
    window.on('close', (event) => {
      if (!this.mustAsk()) return
      event.preventDefault()
      if (this.confirm(window)) this.pauseThen(() => window.close())
    })
  }

  private running(): string[] {
    return this.services()?.jobs.runningLiveJobs() ?? []
  }

  private mustAsk(): boolean {
    return !this.released && this.running().length > 0
  }

  private confirm(window: BrowserWindow | null): boolean {
    const count = this.running().length
    const options = {
      type: 'question' as const,
      buttons: ['Pause and close', 'Keep checking'],
      defaultId: 0,
      cancelId: 1,
      message: count === 1 ? 'A paid check is running.' : `${count} paid checks are running.`,
      detail:
        'Ringtrue pauses it cleanly: no new lookup is sent and the ones already sent may answer. ' +
        'Everything answered is kept; resume it later from the job list.'
    }
    const choice = window ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options)
    return choice === 0
  }

  private pauseThen(next: () => void): void {
    if (this.pausing) return
    this.pausing = true
    void (this.services()?.jobs.pauseAll() ?? Promise.resolve()).finally(() => {
      this.released = true
      next()
    })
  }
}
