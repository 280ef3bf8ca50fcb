import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactElement,
  type ReactNode
} from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, ArrowUp } from 'lucide-react'

export interface TableColumn<T> {
  key: string
  header: ReactNode
  /** Accessible/hover text for the header when it is more than plain text. */
  headerTitle?: string
  width: number
  minWidth?: number
  align?: 'start' | 'end'
  /** Pinned to the left edge while scrolling sideways. */
  pinned?: boolean
  className?: string
  render: (row: T, index: number) => ReactNode
  /** Full text shown on hover, since cells cut long values with an ellipsis. */
  title?: (row: T) => string | undefined
  /** The column's part in the table's order, when the table can be sorted by it. */
  sort?: 'ascending' | 'descending' | 'none'
  /** Called when the header is clicked to sort by the column. */
  onSort?: () => void
  /** Shown in a row whose data has not arrived yet (e.g. its position while the scrollbar is dragged). */
  placeholder?: (index: number) => ReactNode
}

interface VirtualTableProps<T> {
  label: string
  columns: TableColumn<T>[]
  rowCount: number
  getRow: (index: number) => T | undefined
  rowHeight?: number
  overscan?: number
  onRangeChange?: (start: number, end: number) => void
  onRowActivate?: (row: T, index: number) => void
  rowTestId?: (row: T) => string
  rowLabel?: (row: T) => string
  selectedIndex?: number | null
  /** Rendered under the header when rowCount is 0. */
  empty?: ReactNode
  testId?: string
  /** Changing this resets scroll position (e.g. a new filter). */
  resetKey?: unknown
}

const HEADER_HEIGHT = 34

function cellStyle(width: number, left: number | undefined): CSSProperties {
  const style: CSSProperties = { width, minWidth: width, maxWidth: width }
  if (left !== undefined) style.left = left
  return style
}

function cellClass<T>(column: TableColumn<T>, base: string): string {
  return [base, column.className, column.align === 'end' ? 'align-end' : '', column.pinned ? 'is-pinned' : '']
    .filter(Boolean)
    .join(' ')
}

interface CellMeta<T> {
  column: TableColumn<T>
  className: string
  style: CSSProperties
}

interface RowProps<T> {
  row: T | undefined
  index: number
  start: number
  height: number
  width: number
  cells: CellMeta<T>[]
  selected: boolean
  focused: boolean
  testId: string | undefined
  label: string | undefined
  onClick: (index: number) => void
}

// Memoised so that scrolling only renders rows that entered the window, not every visible row again.
const VirtualRow = memo(function VirtualRow<T>({
  row,
  index,
  start,
  height,
  width,
  cells,
  selected,
  focused,
  testId,
  label,
  onClick
}: RowProps<T>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected || undefined}
      aria-label={label}
      aria-busy={row ? undefined : true}
      data-index={index}
      data-testid={testId}
      tabIndex={focused ? 0 : -1}
      className={`vtable-row${row ? '' : ' is-loading'}${selected ? ' is-selected' : ''}${index % 2 === 1 ? ' is-odd' : ''}`}
      style={{ height, transform: `translateY(${start}px)`, width }}
      onClick={() => onClick(index)}
    >
      {cells.map(({ column, className, style }, colIndex) => (
        <div
          key={column.key}
          role="gridcell"
          aria-colindex={colIndex + 1}
          className={className}
          style={style}
          title={row ? column.title?.(row) : undefined}
        >
          {row ? (
            column.render(row, index)
          ) : column.placeholder ? (
            column.placeholder(index)
          ) : (
            <span className="skeleton" />
          )}
        </div>
      ))}
    </div>
  )
}) as <T>(props: RowProps<T>) => ReactElement

export function VirtualTable<T>({
  label,
  columns,
  rowCount,
  getRow,
  rowHeight = 32,
  overscan = 12,
  onRangeChange,
  onRowActivate,
  rowTestId,
  rowLabel,
  selectedIndex,
  empty,
  testId,
  resetKey
}: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const [widths, setWidths] = useState<Record<string, number>>({})
  const [focusIndex, setFocusIndex] = useState(0)
  const pendingFocus = useRef(false)

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render, never memoized
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan
  })

  const items = virtualizer.getVirtualItems()
  const firstIndex = items.length > 0 ? items[0].index : 0
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1

  useEffect(() => {
    if (lastIndex >= 0) onRangeChange?.(firstIndex, lastIndex)
  }, [firstIndex, lastIndex, onRangeChange])

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 })
    setFocusIndex(0)
  }, [resetKey])

  const widthOf = useCallback((column: TableColumn<T>) => widths[column.key] ?? column.width, [widths])
  const totalWidth = useMemo(
    () => columns.reduce((sum, column) => sum + widthOf(column), 0),
    [columns, widthOf]
  )

  // Offsets for pinned columns, so several can stick side by side.
  const pinnedLeft = useMemo(() => {
    const offsets: Record<string, number> = {}
    let left = 0
    for (const column of columns) {
      if (!column.pinned) break
      offsets[column.key] = left
      left += widthOf(column)
    }
    return offsets
  }, [columns, widthOf])

  function startResize(column: TableColumn<T>, event: ReactPointerEvent<HTMLSpanElement>) {
    event.preventDefault()
    event.stopPropagation()
    const startX = event.clientX
    const startWidth = widthOf(column)
    const min = column.minWidth ?? 56
    const target = event.currentTarget
    target.setPointerCapture(event.pointerId)
    const onMove = (move: PointerEvent) => {
      const next = Math.max(min, Math.round(startWidth + move.clientX - startX))
      setWidths((current) => ({ ...current, [column.key]: next }))
    }
    const onUp = () => {
      target.removeEventListener('pointermove', onMove)
      target.removeEventListener('pointerup', onUp)
      target.removeEventListener('pointercancel', onUp)
    }
    target.addEventListener('pointermove', onMove)
    target.addEventListener('pointerup', onUp)
    target.addEventListener('pointercancel', onUp)
  }

  useEffect(() => {
    if (!pendingFocus.current) return
    pendingFocus.current = false
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`)
    row?.focus({ preventScroll: true })
  })

  function moveFocus(next: number) {
    if (rowCount === 0) return
    const clamped = Math.min(Math.max(next, 0), rowCount - 1)
    setFocusIndex(clamped)
    pendingFocus.current = true
    virtualizer.scrollToIndex(clamped, { align: 'auto' })
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / rowHeight) - 2)
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        moveFocus(focusIndex + 1)
        break
      case 'ArrowUp':
        event.preventDefault()
        moveFocus(focusIndex - 1)
        break
      case 'PageDown':
        event.preventDefault()
        moveFocus(focusIndex + pageRows)
        break
      case 'PageUp':
        event.preventDefault()
        moveFocus(focusIndex - pageRows)
        break
      case 'Home':
        if (event.ctrlKey || event.metaKey) {
          event.preventDefault()
          moveFocus(0)
        }
        break
      case 'End':
        if (event.ctrlKey || event.metaKey) {
          event.preventDefault()
          moveFocus(rowCount - 1)
        }
        break
      case 'Enter':
      case ' ': {
        const row = getRow(focusIndex)
        if (row && onRowActivate) {
          event.preventDefault()
          onRowActivate(row, focusIndex)
        }
        break
      }
    }
  }

  const cells = useMemo<CellMeta<T>[]>(
    () =>
      columns.map((column) => ({
        column,
        className: cellClass(column, 'vtable-td'),
        style: cellStyle(widthOf(column), column.pinned ? pinnedLeft[column.key] : undefined)
      })),
    [columns, widthOf, pinnedLeft]
  )

  const latest = useRef({ getRow, onRowActivate })
  useEffect(() => {
    latest.current = { getRow, onRowActivate }
  })
  const activateRow = useCallback((index: number) => {
    setFocusIndex(index)
    const row = latest.current.getRow(index)
    if (row) latest.current.onRowActivate?.(row, index)
  }, [])

  return (
    <div
      ref={scrollRef}
      className="vtable"
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      <div className="vtable-head" role="rowgroup" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
        <div className="vtable-row vtable-header-row" role="row" aria-rowindex={1}>
          {columns.map((column, colIndex) => (
            <div
              key={column.key}
              role="columnheader"
              aria-colindex={colIndex + 1}
              className={cellClass(column, 'vtable-th')}
              style={cellStyle(widthOf(column), column.pinned ? pinnedLeft[column.key] : undefined)}
              title={column.headerTitle}
              aria-sort={column.onSort ? (column.sort ?? 'none') : undefined}
            >
              {column.onSort ? (
                <button
                  type="button"
                  className="vtable-sort"
                  data-testid={testId ? `${testId}-sort-${column.key}` : undefined}
                  onClick={column.onSort}
                >
                  <span className="vtable-th-content">{column.header}</span>
                  {column.sort === 'ascending' ? (
                    <ArrowUp size={12} className="vtable-sort-icon" aria-hidden="true" />
                  ) : column.sort === 'descending' ? (
                    <ArrowDown size={12} className="vtable-sort-icon" aria-hidden="true" />
                  ) : null}
                </button>
              ) : (
                <span className="vtable-th-content">{column.header}</span>
              )}
              <span
                className="vtable-resizer"
                aria-hidden="true"
                onPointerDown={(event) => startResize(column, event)}
                onDoubleClick={() =>
                  setWidths((current) => {
                    const next = { ...current }
                    delete next[column.key]
                    return next
                  })
                }
              />
            </div>
          ))}
        </div>
      </div>
      {rowCount === 0 ? (
        <div className="vtable-empty" style={{ width: '100%' }}>
          {empty}
        </div>
      ) : (
        <div
          className="vtable-body"
          role="rowgroup"
          style={{ height: virtualizer.getTotalSize(), width: totalWidth }}
        >
          {items.map((item) => {
            const row = getRow(item.index)
            return (
              <VirtualRow
                key={item.key}
                row={row}
                index={item.index}
                start={item.start}
                height={rowHeight}
                width={totalWidth}
                cells={cells}
                selected={selectedIndex === item.index}
                focused={item.index === focusIndex}
                testId={row && rowTestId ? rowTestId(row) : undefined}
                label={row && rowLabel ? rowLabel(row) : undefined}
                onClick={activateRow}
              />
            )
          })}
        </div>
      )}
    </div>
  )
}
