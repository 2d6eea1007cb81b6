import {
  Bar,
  CartesianGrid,
  Legend,
  Line,
  BarChart as RechartsBarChart,
  LineChart as RechartsLineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/**
 * Bar and line charts over recharts, for the report and job pages only: they are lazy route chunks,
 * so recharts never weighs on the first load. Every chart sits beside a table or a sentence holding
 * the same figures; the chart is the overview, the text is what a screen reader reads.
 */

/** Colours with at least 3:1 contrast on white, told apart by hue and by the legend's words. */
export const chartColors = {
  indigo: "#4338ca",
  teal: "#0f766e",
  amber: "#b45309",
  red: "#b91c1c",
  slate: "#475569",
} as const;

export interface ChartSeries {
  /** The row field holding this series' values. */
  key: string;
  label: string;
  color: string;
}

interface ChartProps<Row extends object> {
  /** The figure's caption and the SVG's title. */
  caption: string;
  data: Row[];
  /** The row field naming each point on the horizontal axis. */
  categoryKey: Extract<keyof Row, string>;
  series: ChartSeries[];
  formatValue?: (value: number) => string;
  /** A fixed top of the scale (100 for percentages); otherwise from the data. */
  max?: number;
  stacked?: boolean;
  className?: string;
}

function ChartFigure(props: {
  caption: string;
  className?: string | undefined;
  children: React.ReactElement;
}) {
  return (
    <figure className={props.className}>
      <figcaption className="mb-2 text-sm font-medium text-slate-700">{props.caption}</figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {props.children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

const tooltipValue = (format: ((value: number) => string) | undefined) => (value: unknown) =>
  typeof value === "number" && format ? format(value) : String(value ?? "–");

const axisTick = { fill: "#334155", fontSize: 12 };
const margin = { top: 8, right: 8, left: 0, bottom: 0 };

/**
 * Grid, axes, tooltip and legend, the same for every chart. A function, not a component: recharts
 * reads these as direct children of the chart.
 */
function frame<Row extends object>(
  props: ChartProps<Row>,
  categoryAxis: { interval: "preserveStartEnd" } | { minTickGap: number },
) {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} />,
    <XAxis key="x" dataKey={props.categoryKey} tick={axisTick} {...categoryAxis} />,
    <YAxis
      key="y"
      tick={axisTick}
      allowDecimals={false}
      domain={[0, props.max ?? "auto"]}
      {...(props.formatValue ? { tickFormatter: props.formatValue } : {})}
    />,
    <Tooltip key="tooltip" formatter={tooltipValue(props.formatValue)} />,
    <Legend key="legend" wrapperStyle={{ fontSize: 14 }} />,
  ];
}

export function BarChart<Row extends object>(props: ChartProps<Row>) {
  return (
    <ChartFigure caption={props.caption} className={props.className}>
      <RechartsBarChart data={props.data} title={props.caption} margin={margin}>
        {frame(props, { interval: "preserveStartEnd" })}
        {props.series.map((series) => (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.label}
            fill={series.color}
            isAnimationActive={false}
            {...(props.stacked ? { stackId: "stack" } : {})}
          />
        ))}
      </RechartsBarChart>
    </ChartFigure>
  );
}

export function LineChart<Row extends object>(props: ChartProps<Row>) {
  return (
    <ChartFigure caption={props.caption} className={props.className}>
      <RechartsLineChart data={props.data} title={props.caption} margin={margin}>
        {frame(props, { minTickGap: 24 })}
        {props.series.map((series) => (
          <Line
            key={series.key}
            dataKey={series.key}
            name={series.label}
            stroke={series.color}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </RechartsLineChart>
    </ChartFigure>
  );
}
