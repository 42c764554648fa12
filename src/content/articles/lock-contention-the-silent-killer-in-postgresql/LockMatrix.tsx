/**
 * The table-level lock conflict matrix: pick what session 1 holds and what session 2 asks for, and
 * see whether session 2 waits. Draws lock-modes.ts, whose table the tests check against PostgreSQL.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select } from '../../../components/lab/controls';
import { conflicts, LOCK_MODES, modeName, STATEMENTS, type Statement } from './lock-modes';
import './lock-matrix.css';

const OPTIONS = STATEMENTS.map((s) => ({ value: s.id, label: s.short }));
const byId = (id: string): Statement => STATEMENTS.find((s) => s.id === id) ?? STATEMENTS[0]!;

const LEFT = 196;
const TOP = 48;
const CELL = 46;
const W = LEFT + CELL * LOCK_MODES.length + 12;
const H = TOP + CELL * LOCK_MODES.length + 8;

export default function LockMatrix() {
  const held = useSignal('create-index');
  const asked = useSignal('update');
  const h = useComputed(() => byId(held.value));
  const a = useComputed(() => byId(asked.value));
  const row = LOCK_MODES.indexOf(h.value.mode);
  const col = LOCK_MODES.indexOf(a.value.mode);
  const waits = conflicts(h.value.mode, a.value.mode);
  const blocked = STATEMENTS.filter((s) => conflicts(h.value.mode, s.mode));
  const passing = STATEMENTS.filter((s) => !conflicts(h.value.mode, s.mode));
  const verdict = `${a.value.label} (${modeName(a.value.mode)}) ${waits ? 'waits' : 'goes ahead'} while ${h.value.label} holds ${modeName(h.value.mode)}`;

  return (
    <LabFigure
      id="lock-matrix"
      controls={
        <>
          <Select label="Session 1 holds" value={held} options={OPTIONS} />
          <Select label="Session 2 asks for" value={asked} options={OPTIONS} />
        </>
      }
    >
      <div class="lock-matrix-scroll" tabIndex={0} role="group" aria-label="Lock conflict matrix (scrolls sideways); columns are numbered like the rows">
        <svg viewBox={`0 0 ${W} ${H}`} class="lock-matrix" role="img" aria-label={`Conflict matrix of the eight table lock modes. ${verdict}.`} data-lab-output>
          <text x={LEFT - 10} y={TOP - 12} text-anchor="end" class="lock-matrix-axis">held ↓ / asked for →</text>
          {LOCK_MODES.map((m, j) => (
            <text key={m} x={LEFT + j * CELL + CELL / 2} y={TOP - 12} text-anchor="middle" class={j === col ? 'lock-matrix-label is-on' : 'lock-matrix-label'}>
              {j + 1}
            </text>
          ))}
          {LOCK_MODES.map((m, i) => (
            <text key={m} x={LEFT - 10} y={TOP + i * CELL + CELL / 2 + 4} text-anchor="end" class={i === row ? 'lock-matrix-label is-on' : 'lock-matrix-label'}>
              {i + 1} {modeName(m)}
            </text>
          ))}
          <rect x={LEFT - 2} y={TOP + row * CELL} width={CELL * LOCK_MODES.length + 4} height={CELL} class="lock-matrix-band" />
          <rect x={LEFT + col * CELL} y={TOP - 2} width={CELL} height={CELL * LOCK_MODES.length + 4} class="lock-matrix-band" />
          {LOCK_MODES.map((hm, i) =>
            LOCK_MODES.map((am, j) => {
              const x = conflicts(hm, am);
              return (
                <g key={`${i}-${j}`} transform={`translate(${LEFT + j * CELL} ${TOP + i * CELL})`}>
                  <rect x={2} y={2} width={CELL - 4} height={CELL - 4} rx={4} class={x ? 'lock-matrix-cell is-conflict' : 'lock-matrix-cell'} />
                  <text x={CELL / 2} y={CELL / 2 + 5} text-anchor="middle" class={x ? 'lock-matrix-mark is-conflict' : 'lock-matrix-mark'}>
                    {x ? '✕' : '·'}
                  </text>
                </g>
              );
            }),
          )}
          <rect x={LEFT + col * CELL} y={TOP + row * CELL} width={CELL} height={CELL} rx={5} class="lock-matrix-pick" />
        </svg>
      </div>
      <div class="lock-matrix-readout" data-lab-output aria-live="polite">
        <p>
          <strong>{waits ? 'Waits.' : 'Goes ahead.'}</strong> {a.value.label} asks for {modeName(a.value.mode)};{' '}
          {h.value.label} holds {modeName(h.value.mode)}, and the two {waits ? 'conflict' : 'do not conflict'}.
        </p>
        <p>
          While {modeName(h.value.mode)} is held, these wait: {blocked.map((s) => s.label).join('; ') || 'nothing'}. These go ahead:{' '}
          {passing.map((s) => s.label).join('; ') || 'nothing'}.
        </p>
      </div>
    </LabFigure>
  );
}
