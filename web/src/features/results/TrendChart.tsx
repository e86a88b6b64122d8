import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trend, TrendPoint } from '@portico/contracts';
import { latestRange, scale, timeDomain, timeTicks, valueTicks } from './chart';
import { formatNumber, placesFor } from './format';
import { useWidth } from './useWidth';

const MARGIN = { top: 28, right: 24, bottom: 36, left: 52 };

/** The marker for one value: a circle within the range, a triangle pointing up or down outside it. */
function Marker({ x, y, point }: { x: number; y: number; point: TrendPoint }) {
  const high = point.flag === 'H' || point.flag === 'HH';
  const low = point.flag === 'L' || point.flag === 'LL';
  if (high)
    return (
      <path
        className="res-chart__point res-chart__point--out"
        d={`M${x},${y - 7} L${x + 7},${y + 5} L${x - 7},${y + 5} Z`}
      />
    );
  if (low)
    return (
      <path
        className="res-chart__point res-chart__point--out"
        d={`M${x},${y + 7} L${x + 7},${y - 5} L${x - 7},${y - 5} Z`}
      />
    );
  if (point.flag === 'A')
    return <rect className="res-chart__point res-chart__point--out" x={x - 5} y={y - 5} width={10} height={10} />;
  return <circle className="res-chart__point" cx={x} cy={y} r={5.5} />;
}

/**
 * One analyte over time, drawn by hand in SVG: the usual range as a shaded band, a line through
 * the values and a marker on each. It is one image to assistive technology (role="img" with the
 * summary); the table beside it carries every value.
 */
export function TrendChart({ trend, summary }: { trend: Trend; summary: string }) {
  const { i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 640);
  const height = width < 500 ? 250 : 300;
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const points = trend.points;
  const ticks = valueTicks(points, height < 300 ? 5 : 6);
  const yMin = ticks[0] ?? 0;
  const yMax = ticks[ticks.length - 1] ?? 1;
  const y = scale([yMin, yMax], [plot.bottom, plot.top]);
  const domain = timeDomain(points);
  const x = scale(domain, [plot.left, plot.right]);
  const xTicks = timeTicks(domain, Math.floor((plot.right - plot.left) / 70));
  const places = placesFor(points.flatMap((p) => [p.value, p.low, p.high]));
  const tickPlaces = placesFor(ticks);
  const { low, high } = latestRange(points);
  const band = low !== null || high !== null ? { top: y(high ?? yMax), bottom: y(low ?? yMin) } : null;
  const xy = points.map((p) => ({ p, cx: x(Date.parse(p.effectiveAt)), cy: y(p.value) }));
  const last = xy[xy.length - 1];
  const yearFmt = new Intl.DateTimeFormat(i18n.language, { year: 'numeric' });
  const monthFmt = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: '2-digit' });
  const tickLabel = (t: number, kind: 'year' | 'month') => (kind === 'year' ? yearFmt : monthFmt).format(t);
  // Where the first tick is far from the left edge, the axis also names where it starts.
  const firstTick = xTicks[0];
  const startLabel =
    !firstTick || x(firstTick.t) - plot.left > 80 ? tickLabel(domain[0], firstTick?.kind ?? 'month') : null;

  return (
    <div ref={box} className="res-chart">
      <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        {band ? (
          <rect
            className="res-chart__band"
            x={plot.left}
            y={band.top}
            width={plot.right - plot.left}
            height={Math.max(0, band.bottom - band.top)}
          />
        ) : null}
        {ticks.map((v) => (
          <g key={v}>
            <line className="res-chart__grid" x1={plot.left} x2={plot.right} y1={y(v)} y2={y(v)} />
            <text className="res-chart__label" x={plot.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {formatNumber(v, i18n.language, tickPlaces)}
            </text>
          </g>
        ))}
        <text className="res-chart__label" x={plot.left - 8} y={14} textAnchor="end">
          {trend.unit}
        </text>
        {xTicks.map((tick) => (
          <g key={tick.t}>
            <line className="res-chart__axis" x1={x(tick.t)} x2={x(tick.t)} y1={plot.bottom} y2={plot.bottom + 6} />
            <text className="res-chart__label" x={x(tick.t)} y={plot.bottom + 22} textAnchor="middle">
              {tickLabel(tick.t, tick.kind)}
            </text>
          </g>
        ))}
        {startLabel ? (
          <text className="res-chart__label" x={plot.left} y={plot.bottom + 22} textAnchor="start">
            {startLabel}
          </text>
        ) : null}
        <line className="res-chart__axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        <polyline className="res-chart__line" points={xy.map((q) => `${q.cx},${q.cy}`).join(' ')} />
        {xy.map((q) => (
          <Marker key={`${q.p.reportId}-${q.p.effectiveAt}`} x={q.cx} y={q.cy} point={q.p} />
        ))}
        {last ? (
          <text
            className="res-chart__latest"
            x={Math.min(last.cx, plot.right - 4)}
            y={last.cy - 12}
            textAnchor={last.cx > plot.right - 40 ? 'end' : 'middle'}
          >
            {formatNumber(last.p.value, i18n.language, places)}
          </text>
        ) : null}
      </svg>
    </div>
  );
}
