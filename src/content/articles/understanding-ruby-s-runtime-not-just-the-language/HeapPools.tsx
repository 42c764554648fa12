/**
 * The Ruby heap from the heap block's real output: one row per size pool, one cell per 64 KiB page,
 * each cell filled to the pool's share of live slots. GC.stat_heap counts per pool, not per page,
 * so every page of a pool shows the pool's average. Rerunning the block redraws it.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button, Select } from '../../../components/lab/controls';
import { useLabOutput, type LabOutputProps } from '../../../components/lab/use-lab-output';
import { pagesPerCell, parseHeap, summarise, type Pool } from './heap';
import './heap-pools.css';

const W = 360;
const LEFT = 0;
const MAX_CELLS = 24;
const CELL_GAP = 3;
const ROW_H = 50;
const CELL_H = 20;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(x > 0.995 && x < 1 ? 1 : 0)}%`;
const kib = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${fmt(bytes / 1024)} KiB`);

const fullest = (pools: Pool[]) => pools.reduce<Pool | undefined>((a, b) => ((b.live ?? 0) > (a?.live ?? -1) ? b : a), undefined);

function rowText(pool: Pool): string {
  const s = summarise(pool);
  const live = pool.live === null ? '' : `, ${fmt(pool.live)} of ${fmt(pool.slots)} live (${pct(s.occupancy ?? 0)})`;
  return `${pool.slotSize} B slots: ${fmt(pool.pages)} page${pool.pages === 1 ? '' : 's'}${live}`;
}

export default function HeapPools(props: LabOutputProps) {
  const uid = useId().replace(/[^a-zA-Z0-9-]/g, '');
  const output = useLabOutput(props);
  const heap = useComputed(() => parseHeap(output.value));
  // Start on the pool holding the most live objects: where the block's allocations went.
  const chosen = useSignal(String(fullest(heap.peek().pools)?.index ?? 0));
  const pools = heap.value.pools;

  if (!pools.length) {
    return (
      <LabFigure id="heap-pools" controls={<Button onClick={() => (output.value = props.labOutput ?? '')}>Show the article’s heap</Button>}>
        <p class="heap-empty" data-lab-output>
          The block printed no <code>heap N: slot_size=… pages=… slots=…</code> lines, so there is nothing to draw. Keep the loop over <code>GC.stat_heap</code> and run it again.
        </p>
      </LabFigure>
    );
  }

  const perCell = pagesPerCell(pools, MAX_CELLS);
  const cellW = (W - LEFT - (MAX_CELLS - 1) * CELL_GAP) / MAX_CELLS;
  const height = pools.length * ROW_H + 8;
  const pick = pools.find((p) => String(p.index) === chosen.value) ?? pools[0]!;
  const s = summarise(pick, heap.value.pageSize);
  const options = pools.map((p) => ({ value: String(p.index), label: `heap ${p.index}: ${p.slotSize}-byte slots` }));
  const totalPages = pools.reduce((sum, p) => sum + p.pages, 0);
  const label = `${pools.length} size pools, ${fmt(totalPages)} pages in all. ` + pools.map(rowText).join('; ') + '.';

  return (
    <LabFigure id="heap-pools" controls={<Select label="Pool" value={chosen} options={options} />}>
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label} data-lab-output class="heap-svg">
        <defs>
          <pattern id={`${uid}-free`} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="5" class="heap-hatch" />
          </pattern>
        </defs>
        {pools.map((pool, row) => {
          const top = row * ROW_H + 4;
          const cells = Math.ceil(pool.pages / perCell);
          const occupancy = summarise(pool).occupancy ?? 0;
          const selected = pool === pick;
          return (
            <g key={pool.index} class={selected ? 'heap-row heap-selected' : 'heap-row'}>
              <text x={LEFT} y={top + 12} class={selected ? 'heap-label heap-strong' : 'heap-label'}>
                {rowText(pool)}
              </text>
              {cells === 0 && <text x={LEFT} y={top + 16 + CELL_H - 5}>no pages</text>}
              {Array.from({ length: cells }, (_, c) => {
                const x = LEFT + c * (cellW + CELL_GAP);
                const y = top + 18;
                // The last cell may stand for fewer pages than the others.
                const share = Math.min(perCell, pool.pages - c * perCell) / perCell;
                const h = CELL_H * occupancy;
                return (
                  <g key={c}>
                    <rect x={x} y={y} width={cellW} height={CELL_H} fill={`url(#${uid}-free)`} class="heap-page" opacity={share < 1 ? 0.6 : 1} />
                    {h > 0 && <rect x={x} y={y + CELL_H - h} width={cellW} height={h} class="heap-live" />}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <div class="heap-legend" aria-hidden="true">
        <span><span class="heap-key heap-key-live" /> live slots</span>
        <span><span class="heap-key heap-key-free" /> free slots</span>
        <span>one cell = {perCell === 1 ? 'one 64 KiB page' : `${perCell} pages`}, filled to its pool’s average</span>
      </div>
      <p class="lab-readout" data-lab-output>
        <span>
          heap {pick.index}: <strong>{pick.slotSize}-byte</strong> slots ({pick.slotSize * 2} on 64-bit Linux)
        </span>
        <span>
          <strong>{fmt(s.slotsPerPage)}</strong> slots per page
        </span>
        <span>
          <strong>{fmt(pick.pages)}</strong> pages = {kib(s.bytes)}
        </span>
        {pick.live !== null && (
          <span>
            <strong>{fmt(pick.live)}</strong> live, <strong>{fmt(s.free ?? 0)}</strong> free
          </span>
        )}
      </p>
    </LabFigure>
  );
}
