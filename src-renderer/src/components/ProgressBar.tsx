interface ProgressBarProps {
  value: number
  max: number
  label: string
  indeterminate?: boolean
  testId?: string
}

export function ProgressBar({ value, max, label, indeterminate = false, testId }: ProgressBarProps) {
  const safeMax = Math.max(max, 0)
  const clamped = Math.min(Math.max(value, 0), safeMax)
  const pct = safeMax > 0 ? (clamped / safeMax) * 100 : 0
  return (
    <div
      className={`progress${indeterminate ? ' is-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={safeMax}
      aria-valuenow={indeterminate ? undefined : clamped}
      data-testid={testId}
    >
      <div className="progress-fill" style={indeterminate ? undefined : { width: `${pct}%` }} />
    </div>
  )
}
