import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrendPoint, VitalSeries } from '@portico/contracts';
import { scale, timeDomain, timeTicks, valueTicks } from './chart';
import { formatNumber, placesFor } from './format';
import { useWidth } from './useWidth';
import { placesOf } from './vitals';

const MARGIN = { top: 28, right: 24, bottom: 36, left: 52 };

const asPoints = (s: VitalSeries, second: boolean): TrendPoint[] =>
  s.points.map((p) => ({
    reportId: '',
    effectiveAt: p.effectiveAt,
    value: second ? (p.value2 ?? p.value) : p.value,
    low: null,
    high: null,
    flag: null,
  }));

/**
 * One vital sign over time in SVG: a line with a circle on each reading; a blood pressure draws
 * its bottom number as a second, dashed line with squares (told apart without colour). One image
 * to assistive technology (role="img" with the summary); the table beside it has every reading.
 */
export function VitalChart({ series, summary, unit }: { series: VitalSeries; summary: string; unit: string }) {
  const { i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 640);
  const height = width < 500 ? 230 : 280;
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const first = asPoints(series, false);
  const second = series.kind === 'blood-pressure' ? asPoints(series, true) : [];
  const ticks = valueTicks([...first, ...second], height < 280 ? 5 : 6);
  const y = scale([ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1], [plot.bottom, plot.top]);
  const domain = timeDomain(first);
  const x = scale(domain, [plot.left, plot.right]);
  const xTicks = timeTicks(domain, Math.floor((plot.right - plot.left) / 70));
  const tickPlaces = placesFor(ticks);
  const yearFmt = new Intl.DateTimeFormat(i18n.language, { year: 'numeric' });
  const monthFmt = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: '2-digit' });
  const line = (pts: TrendPoint[]) => pts.map((p) => `${x(Date.parse(p.effectiveAt))},${y(p.value)}`).join(' ');
  const last = first[first.length - 1];
  const lastSecond = second[second.length - 1];

  return (
    <div ref={box} className="res-chart">
      <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        {ticks.map((v) => (
          <g key={v}>
            <line className="res-chart__grid" x1={plot.left} x2={plot.right} y1={y(v)} y2={y(v)} />
            <text className="res-chart__label" x={plot.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {formatNumber(v, i18n.language, tickPlaces)}
            </text>
          </g>
        ))}
        {/* From the left edge: a unit may be long ("ملم زئبق", "уд./мин"). */}
        <text className="res-chart__label" x={4} y={14} textAnchor="start">
          {unit}
        </text>
        {xTicks.map((tick) => (
          <g key={tick.t}>
            <line className="res-chart__axis" x1={x(tick.t)} x2={x(tick.t)} y1={plot.bottom} y2={plot.bottom + 6} />
            <text className="res-chart__label" x={x(tick.t)} y={plot.bottom + 22} textAnchor="middle">
              {(tick.kind === 'year' ? yearFmt : monthFmt).format(tick.t)}
            </text>
          </g>
        ))}
        <line className="res-chart__axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        <polyline className="res-chart__line" points={line(first)} />
        {first.map((p) => (
          <circle
            key={p.effectiveAt}
            className="res-chart__point"
            cx={x(Date.parse(p.effectiveAt))}
            cy={y(p.value)}
            r={5}
          />
        ))}
        {second.length > 0 ? (
          <>
            <polyline className="res-chart__line res-chart__line--second" points={line(second)} />
            {second.map((p) => (
              <rect
                key={p.effectiveAt}
                className="res-chart__point res-chart__point--second"
                x={x(Date.parse(p.effectiveAt)) - 4.5}
                y={y(p.value) - 4.5}
                width={9}
                height={9}
              />
            ))}
          </>
        ) : null}
        {[last, lastSecond].map((p, i) =>
          p ? (
            <text
              key={i}
              className="res-chart__latest"
              x={Math.min(x(Date.parse(p.effectiveAt)), plot.right - 4)}
              y={y(p.value) + (i === 0 ? -12 : 22)}
              textAnchor="end"
            >
              {formatNumber(p.value, i18n.language, placesOf(series.kind))}
            </text>
          ) : null,
        )}
      </svg>
    </div>
  );
}
