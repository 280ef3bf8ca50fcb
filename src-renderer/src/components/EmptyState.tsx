import type { ReactNode } from 'react'

interface EmptyStateProps {
  icon?: ReactNode
  title: string
  children?: ReactNode
  action?: ReactNode
  compact?: boolean
  testId?: string
}

export function EmptyState({ icon, title, children, action, compact, testId }: EmptyStateProps) {
  return (
    <div className={`empty-state${compact ? ' is-compact' : ''}`} data-testid={testId}>
      {icon ? <div className="empty-icon">{icon}</div> : null}
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  )
}
