import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCount } from '../lib/format'

export interface BarDatum {
  /** What a click on the bar picks (a facet value, a change…). */
  value: string
  label: string
  count: number
}

/**
 * Counts as horizontal bars with their figures, the label beside each; a click on a bar picks its value. Chosen
 * values are drawn full, the others lighter.
 */
export function HorizontalBars({
  data,
  color,
  text,
  labelWidth = 118,
  valueName,
  isOn,
  onPick,
  barTestId
}: {
  data: BarDatum[]
  color: string
  text?: string
  labelWidth?: number
  /** What the figures count, in the UI's language, for the tooltip (recharts shows the data key otherwise). */
  valueName?: string
  isOn: (value: string) => boolean
  onPick: (value: string) => void
  /** data-testid of each bar, given its value. */
  barTestId?: (value: string) => string
}) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(60, data.length * 22 + 8)}>
      <BarChart data={data} layout="vertical" margin={{ top: 2, right: 48, bottom: 2, left: 0 }}>
        <XAxis type="number" hide />
        <YAxis
          type="category"
          dataKey="label"
          width={labelWidth}
          tickLine={false}
          axisLine={false}
          tick={{ fill: text, fontSize: 12 }}
        />
        <Tooltip formatter={(value) => formatCount(Number(value))} isAnimationActive={false} cursor={false} />
        <Bar
          dataKey="count"
          name={valueName}
          barSize={14}
          radius={3}
          isAnimationActive={false}
          label={{
            position: 'right',
            fill: text,
            fontSize: 11,
            formatter: (v: unknown) => formatCount(Number(v))
          }}
          onClick={(datum: { payload?: BarDatum }) => {
            if (datum.payload) onPick(datum.payload.value)
          }}
        >
          {data.map((d) => (
            <Cell
              key={d.value}
              fill={color}
              fillOpacity={isOn(d.value) ? 1 : 0.55}
              className="chart-clickable"
              data-testid={barTestId?.(d.value)}
            />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  )
}
