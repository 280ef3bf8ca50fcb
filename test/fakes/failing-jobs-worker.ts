// The real jobs worker, except that checking stored row FAILING_ROW throws: a worker of the check pool that
// fails halfway through the list, while the others are busy with their own pages.
import { RowChecker } from '../../src-main/core/jobs/row-check'

const FAILING_ROW = 4321

const check = RowChecker.prototype.check
RowChecker.prototype.check = function (this: RowChecker, rowIndex, cells) {
  if (rowIndex === FAILING_ROW) throw new Error(`Simulated failure while checking row ${rowIndex}`)
  return check.call(this, rowIndex, cells)
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../src-main/core/jobs/jobs-worker')
