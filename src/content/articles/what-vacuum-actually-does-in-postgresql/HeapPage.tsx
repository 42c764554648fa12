/**
 * Page 0 of a table as `pageinspect` saw it: the line pointer array growing from the front, the
 * tuples from the back, the free space between. Drawn from a runnable block's real output (`lab`),
 * and redrawn whenever the reader reruns that block. Parsing and wording live in heap-page.ts.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Toggle } from '../../../components/lab/controls';
import { useLabOutput, type LabOutputProps } from '../../../components/lab/use-lab-output';
import { explain, parseHeapPage, tuplesByOffset, type HeapPage as Page, type LinePointer, type TupleState } from './heap-page';
import './heap-page.css';

interface Props extends LabOutputProps {
  /** The figure's id in the article (two figures can draw two blocks). */
  id: string;
  /** The line pointer selected at first. */
  initialLp?: number;
}

const W = 640;
const PAD = 8;
const LP_W = 52;
const LP_H = 44;
const LP_GAP = 4;
const LP_X = 76;
const T_W = 62;
const T_GAP = 4;
const fmt = (n: number) => n.toLocaleString('en-US');
const STATE_WORD: Record<TupleState, string> = { live: 'live', dead: 'dead', uncommitted: 'aborted' };

interface Layout {
  lp: Map<number, { x: number; y: number }>;
  tuple: Map<number, { x: number; y: number }>;
  freeY: number;
  tupleH: number;
  height: number;
}

function layout(page: Page, showXids: boolean): Layout {
  const perRow = Math.floor((W - LP_X - PAD + LP_GAP) / (LP_W + LP_GAP));
  const lp = new Map<number, { x: number; y: number }>();
  page.pointers.forEach((p, i) => lp.set(p.lp, { x: LP_X + (i % perRow) * (LP_W + LP_GAP), y: 52 + Math.floor(i / perRow) * (LP_H + 8) }));
  const lpRows = Math.max(1, Math.ceil(page.pointers.length / perRow));
  const freeY = 52 + lpRows * (LP_H + 8) + 8;
  const tupleH = showXids ? 64 : 40;
  const tuples = tuplesByOffset(page);
  const tPerRow = Math.floor((W - 2 * PAD + T_GAP) / (T_W + T_GAP));
  const rows = Math.max(1, Math.ceil(tuples.length / tPerRow));
  const top = freeY + 36 + 40;
  const tuple = new Map<number, { x: number; y: number }>();
  // Physical order: lowest offset first; the last row ends at the page's last byte, as on disk.
  const firstRow = tuples.length - (rows - 1) * tPerRow;
  tuples.forEach((p, i) => {
    const row = i < firstRow ? 0 : 1 + Math.floor((i - firstRow) / tPerRow);
    const inRow = i < firstRow ? i : (i - firstRow) % tPerRow;
    const count = row === 0 ? firstRow : tPerRow;
    tuple.set(p.lp, { x: W - PAD - (count - inRow) * (T_W + T_GAP) + T_GAP, y: top + row * (tupleH + 8) });
  });
  return { lp, tuple, freeY, tupleH, height: top + rows * (tupleH + 8) + 6 };
}

function pointerWord(p: LinePointer): string {
  if (p.kind === 'redirect') return `→ lp ${p.redirectTo}`;
  return p.kind;
}

function Pointer({ p, at, on }: { p: LinePointer; at: { x: number; y: number }; on: boolean }) {
  return (
    <g transform={`translate(${at.x} ${at.y})`} class={`heap-page-lp is-${p.kind}${on ? ' is-on' : ''}`}>
      <rect width={LP_W} height={LP_H} rx={4} />
      {p.kind === 'dead' && <path d={`M4 4 L${LP_W - 4} ${LP_H - 4} M${LP_W - 4} 4 L4 ${LP_H - 4}`} class="heap-page-cross" />}
      <text x={LP_W / 2} y={17} text-anchor="middle" class="heap-page-strong">lp {p.lp}</text>
      <text x={LP_W / 2} y={34} text-anchor="middle">{pointerWord(p)}</text>
    </g>
  );
}

function TupleBox({ p, at, h, showXids, on }: { p: LinePointer; at: { x: number; y: number }; h: number; showXids: boolean; on: boolean }) {
  const t = p.tuple!;
  const state = t.frozen ? 'frozen' : STATE_WORD[t.state];
  return (
    <g transform={`translate(${at.x} ${at.y})`} class={`heap-page-tuple is-${t.state}${on ? ' is-on' : ''}`}>
      <rect width={T_W} height={h} rx={4} />
      {t.state !== 'live' && <line x1={4} y1={h - 4} x2={T_W - 4} y2={4} class="heap-page-strike" />}
      <text x={T_W / 2} y={16} text-anchor="middle" class="heap-page-strong">{t.id !== undefined ? `id ${t.id}` : `lp ${p.lp}`}</text>
      <text x={T_W / 2} y={32} text-anchor="middle">{state}</text>
      {showXids && (
        <>
          <text x={T_W / 2} y={47} text-anchor="middle" class="heap-page-mono">xmin {t.xmin}</text>
          <text x={T_W / 2} y={60} text-anchor="middle" class="heap-page-mono">xmax {t.xmax}</text>
        </>
      )}
    </g>
  );
}

function Drawing({ uid, page, lp, showXids, label }: { uid: string; page: Page; lp: number; showXids: boolean; label: string }) {
  const arrow = `${uid}-arrow`;
  const L = layout(page, showXids);
  const selected = page.pointers.find((p) => p.lp === lp);
  return (
    <svg viewBox={`0 0 ${W} ${L.height}`} class="heap-page" role="img" aria-label={label} data-lab-output>
      <defs>
        <marker id={arrow} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0 L8 4 L0 8 z" class="heap-page-arrowhead" />
        </marker>
      </defs>
      <text x={0} y={14} class="heap-page-title">Page 0: {fmt(page.pointers.length)} line pointers, {fmt(page.free)} bytes free of 8,192</text>
      <rect x={0.5} y={24} width={W - 1} height={L.height - 26} rx={6} class="heap-page-frame" />
      <g transform={`translate(${PAD} 52)`} class="heap-page-header">
        <rect width={LP_X - PAD - 8} height={LP_H} rx={4} />
        <text x={(LP_X - PAD - 8) / 2} y={17} text-anchor="middle" class="heap-page-strong">header</text>
        <text x={(LP_X - PAD - 8) / 2} y={34} text-anchor="middle">24 B</text>
      </g>
      {/* Tuples hang from their line pointers; the selected one's line is drawn last, on top. */}
      {[...page.pointers].sort((a, b) => Number(a.lp === lp) - Number(b.lp === lp)).map((p) => {
        const from = L.lp.get(p.lp);
        const to = L.tuple.get(p.lp);
        if (!from || !to) return null;
        return (
          <line
            key={p.lp}
            x1={from.x + LP_W / 2}
            y1={from.y + LP_H}
            x2={to.x + T_W / 2}
            y2={to.y}
            class={p.lp === lp ? 'heap-page-link is-on' : 'heap-page-link'}
            marker-end={`url(#${arrow})`}
          />
        );
      })}
      {page.pointers.map((p) => {
        if (p.kind !== 'redirect' || p.redirectTo === undefined) return null;
        const a = L.lp.get(p.lp);
        const b = L.lp.get(p.redirectTo);
        if (!a || !b) return null;
        const x1 = a.x + LP_W / 2;
        const x2 = b.x + LP_W / 2;
        return <path key={`r${p.lp}`} d={`M${x1} ${a.y} C${x1} ${a.y - 22} ${x2} ${b.y - 22} ${x2} ${b.y}`} class={p.lp === lp ? 'heap-page-redirect is-on' : 'heap-page-redirect'} marker-end={`url(#${arrow})`} />;
      })}
      {page.pointers.map((p) => (
        <Pointer key={p.lp} p={p} at={L.lp.get(p.lp)!} on={p.lp === lp || (selected?.kind === 'redirect' && selected.redirectTo === p.lp)} />
      ))}
      <g transform={`translate(${PAD} ${L.freeY})`}>
        <rect width={W - 2 * PAD} height={36} rx={4} class="heap-page-free" />
        <text x={8} y={23}>lower {page.lower} →</text>
        <text x={(W - 2 * PAD) / 2} y={23} text-anchor="middle" class="heap-page-strong">free space: {fmt(page.free)} bytes{page.exactFree ? '' : ' (estimated)'}</text>
        <text x={W - 2 * PAD - 8} y={23} text-anchor="end">← upper {page.upper}</text>
      </g>
      {tuplesByOffset(page).map((p) => (
        <TupleBox key={p.lp} p={p} at={L.tuple.get(p.lp)!} h={L.tupleH} showXids={showXids} on={p.lp === lp} />
      ))}
    </svg>
  );
}

export default function HeapPage({ id, lab, labOutput = '', initialLp = 1 }: Props) {
  const output = useLabOutput({ lab, labOutput });
  const parsed = useComputed(() => parseHeapPage(output.value));
  const chosen = useSignal(String(initialLp));
  const showXids = useSignal(true);
  const page = 'page' in parsed.value ? parsed.value.page : undefined;
  const options = (page?.pointers ?? []).map((p) => ({
    value: String(p.lp),
    label: `lp ${p.lp}: ${p.kind === 'redirect' ? `redirect to ${p.redirectTo}` : p.kind}${p.tuple ? `, ${p.tuple.frozen ? 'frozen' : STATE_WORD[p.tuple.state]} tuple` : ''}`,
  }));
  // After a rerun the chosen pointer may be gone; fall back to the first.
  const lp = page?.pointers.some((p) => String(p.lp) === chosen.value) ? Number(chosen.value) : (page?.pointers[0]?.lp ?? 0);
  const p = page?.pointers.find((q) => q.lp === lp);

  let label = '';
  if (page) {
    const { pointerCount: c, tupleCount: t } = page;
    label =
      `Heap page 0: ${page.pointers.length} line pointers (${c.normal} normal, ${c.redirect} redirect, ${c.dead} dead, ${c.unused} unused); ` +
      `tuples: ${t.live} live, ${t.dead} dead, ${t.uncommitted} from aborted transactions; ${fmt(page.free)} bytes free.`;
  }

  return (
    <LabFigure
      id={id}
      controls={
        <>
          {page && <Select label="Line pointer" value={chosen} options={options.length ? options : [{ value: '0', label: 'none' }]} />}
          <Toggle label="Show xmin and xmax" value={showXids} />
        </>
      }
    >
      <div class="heap-page-scroll" tabIndex={0} role="group" aria-label="Heap page drawing (scrolls sideways)">
        {page ? (
          <Drawing uid={id} page={page} lp={lp} showXids={showXids.value} label={label} />
        ) : (
          <p class="heap-page-error" data-lab-output>{'error' in parsed.value ? parsed.value.error : ''} Run the block as the article wrote it, or press its Reset.</p>
        )}
      </div>
      {page && p && (
        <div class="heap-page-detail" data-lab-output aria-live="polite">
          <p>{explain(page, lp)}</p>
          {p.tuple && (
            <dl class="heap-page-fields">
              <div><dt>lp_off</dt><dd>{p.off}</dd></div>
              <div><dt>lp_len</dt><dd>{p.len}</dd></div>
              {showXids.value && <div><dt>t_xmin</dt><dd>{p.tuple.xmin}</dd></div>}
              {showXids.value && <div><dt>t_xmax</dt><dd>{p.tuple.xmax}</dd></div>}
              <div><dt>t_ctid</dt><dd>{p.tuple.ctid}</dd></div>
              <div><dt>flags</dt><dd>{p.tuple.flags.join(' ') || 'none'}</dd></div>
            </dl>
          )}
        </div>
      )}
    </LabFigure>
  );
}
