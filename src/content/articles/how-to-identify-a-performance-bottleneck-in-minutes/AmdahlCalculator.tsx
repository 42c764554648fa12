/**
 * Amdahl's calculator: pick the part of a 1,000 ms request to speed up and by how much. The bars are
 * the request before and after; the curve is the speedup for every factor, flattening against the
 * ceiling 1 / (1 − p) that the untouched part imposes.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Slider } from '../../../components/lab/controls';
import { FACTORS, ceiling, newTime, speedup } from './amdahl';
import { useChartWidth } from '../../../components/lab/use-chart-width';
import './amdahl.css';

const TOTAL = 1000;
const PARTS = {
  database: { label: 'Database (62%)', share: 62 },
  external: { label: 'External API (18%)', share: 18 },
  ruby: { label: 'Ruby code (12%)', share: 12 },
  gc: { label: 'GC (5%)', share: 5 },
  custom: { label: 'Custom share', share: 50 },
} as const;
type Part = keyof typeof PARTS;
const OPTIONS = (Object.keys(PARTS) as Part[]).map((value) => ({ value, label: PARTS[value].label }));

const factorLabel = (n: number) => (n === Infinity ? '∞' : `${n}`);
const times = (s: number) => (s === Infinity ? '∞' : `${s < 10 ? s.toFixed(2) : s.toFixed(1)}×`);
const H = 250;
const TOP = 96;
const LEFT = 40;
const RIGHT = 24;

export default function AmdahlCalculator() {
  const part = useSignal<Part>('database');
  const custom = useSignal(50);
  const factor = useSignal(6); // index into FACTORS: 10×
  const { ref, width } = useChartWidth();
  const W = width.value;
  const p = (part.value === 'custom' ? custom.value : PARTS[part.value].share) / 100;
  const n = FACTORS[factor.value] ?? 1;
  const s = speedup(p, n);
  const cap = ceiling(p);
  const after = newTime(TOTAL, p, n);

  // Factors on a log axis from 1 to 1,000, with ∞ drawn one step past the end.
  const curve = useComputed(() => {
    const pts: [number, number][] = [];
    for (let i = 0; i <= 60; i++) {
      const nn = 10 ** (i / 20);
      pts.push([nn, speedup(p, nn)]);
    }
    return pts;
  });
  const plotW = W - LEFT - RIGHT;
  const xOf = (nn: number) => LEFT + (nn === Infinity ? 1 : Math.log10(nn) / 3.4) * plotW;
  const yMax = Math.min(Math.max(2, cap * 1.08), 110);
  const yOf = (v: number) => H - 22 - ((Math.min(v, yMax) - 1) / (yMax - 1)) * (H - 22 - TOP);
  const path = curve.value.map(([x, y], i) => `${i ? 'L' : 'M'}${xOf(x).toFixed(1)},${yOf(y).toFixed(1)}`).join('');
  const barW = (ms: number) => (ms / TOTAL) * (W - LEFT - 8 - RIGHT);

  return (
    <LabFigure
      id="amdahl"
      controls={
        <>
          <Select label="Speed up" value={part} options={OPTIONS} />
          {part.value === 'custom' ? (
            <Slider label="Its share" value={custom} min={1} max={99} format={(v) => `${v}%`} />
          ) : null}
          <Slider label="By a factor of" value={factor} min={0} max={FACTORS.length - 1} format={(i) => factorLabel(FACTORS[i] ?? 1) + '×'} />
        </>
      }
    >
      <svg
        ref={ref}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Making ${Math.round(p * 100)}% of the request ${factorLabel(n)} times faster: ${TOTAL} ms becomes ${Math.round(after)} ms, a speedup of ${times(s)}; the ceiling is ${times(cap)}.`}
        data-lab-output
        class="am-chart"
      >
        <text x={0} y={15} class="am-strong">before</text>
        <rect x={LEFT + 8} y={4} width={barW(TOTAL * p)} height={14} class="am-part" />
        <rect x={LEFT + 8 + barW(TOTAL * p)} y={4} width={barW(TOTAL * (1 - p))} height={14} class="am-rest" />
        <text x={LEFT + 8} y={31} class="am-part-label">part {Math.round(TOTAL * p)} ms</text>
        <text x={LEFT + 8 + barW(TOTAL)} y={31} text-anchor="end">rest {Math.round(TOTAL * (1 - p))} ms</text>
        <text x={0} y={55} class="am-strong">after</text>
        <rect x={LEFT + 8} y={44} width={Math.max(0.5, barW((TOTAL * p) / n))} height={14} class="am-part" />
        <rect x={LEFT + 8 + barW((TOTAL * p) / n)} y={44} width={barW(TOTAL * (1 - p))} height={14} class="am-rest" />
        <text x={LEFT + 8 + barW(after)} y={71} text-anchor="end" class="am-strong">{Math.round(after)} ms</text>
        {[1, 10, 100, 1000].map((t) => (
          <text key={t} x={xOf(t)} y={H - 6} text-anchor="middle">{t}×</text>
        ))}
        <text x={xOf(Infinity)} y={H - 6} text-anchor="middle">∞</text>
        <line x1={LEFT} x2={W - RIGHT} y1={yOf(1)} y2={yOf(1)} class="am-axis" />
        {cap <= yMax && (
          <>
            <line x1={LEFT} x2={W - RIGHT} y1={yOf(cap)} y2={yOf(cap)} class="am-ceiling" />
            <text x={W - RIGHT} y={yOf(cap) - 5} text-anchor="end">ceiling {times(cap)}</text>
          </>
        )}
        {yTicks(yMax).map((t) => (
          <g key={t}>
            {t > 1 && <line x1={LEFT} x2={W - RIGHT} y1={yOf(t)} y2={yOf(t)} class="am-grid" />}
            <text x={LEFT - 6} y={yOf(t) + 4} text-anchor="end">{t}×</text>
          </g>
        ))}
        <text x={LEFT + 4} y={TOP - 2} class="am-muted">speedup of the whole request</text>
        <path d={path} class="am-curve" />
        <circle cx={xOf(n)} cy={yOf(s)} r={5} class="am-dot" />
        <text x={Math.min(xOf(n), W - RIGHT - 4)} y={yOf(s) + 18} text-anchor={xOf(n) > W / 2 ? 'end' : 'start'} class="am-strong">{times(s)}</text>
      </svg>
      <div class="lab-readout" data-lab-output aria-live="polite">
        <span>Part <strong>{Math.round(p * 100)}%</strong> made <strong>{factorLabel(n)}×</strong> faster</span>
        <span>Request <strong>{TOTAL} → {Math.round(after)} ms</strong></span>
        <span>Speedup <strong>{times(s)}</strong> of at most <strong>{times(cap)}</strong></span>
      </div>
    </LabFigure>
  );
}

/** Round speedup values for the y axis, up to four of them. */
function yTicks(max: number): number[] {
  const step = [1, 2, 5, 10, 20, 50].find((st) => (max - 1) / st <= 4) ?? 50;
  const out = [1];
  for (let t = step === 1 ? 2 : step; t <= max; t += step) out.push(t);
  return out;
}
