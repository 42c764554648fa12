/**
 * A disassembly read one instruction at a time: the listing the block printed, the VM stack before
 * and after the selected instruction, and what the instruction and its operands mean. Drawn from the
 * named block's real output (yarv.ts parses and replays it); rerunning the block redraws it.
 */
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button, Select, Slider } from '../../../components/lab/controls';
import { useLabOutput, type LabOutputProps } from '../../../components/lab/use-lab-output';
import { parseDisasm, simulate, startingStep, type Iseq, type StackStep } from './yarv';
import { explain } from './yarv-explain';
import './yarv-stack.css';

const KIND: Record<Iseq['kind'], string> = {
  top: 'top level',
  method: 'method',
  block: 'block',
  class: 'class body',
  rescue: 'rescue clause',
  ensure: 'ensure clause',
  other: 'sequence',
};

const pc = (n: number) => String(n).padStart(4, '0');
/** Cells drawn per column; a deeper stack shows its top and a count of the rest. */
const SHOWN = 6;
const CELL_H = 26;
const COL_W = 150;
const W = 380;

interface ColumnProps {
  x: number;
  title: string;
  stack: string[] | null;
  marked: number;
  kind: 'popped' | 'pushed';
  /** Cells the drawing has room for: the deepest stack of the sequence, at most SHOWN. */
  rows: number;
}

function Column({ x, title, stack, marked, kind, rows }: ColumnProps) {
  const top = 30;
  const height = rows * (CELL_H + 4);
  if (!stack) {
    return (
      <g>
        <text x={x + COL_W / 2} y={18} text-anchor="middle" class="yarv-head">{title}</text>
        <text x={x + COL_W / 2} y={top + height / 2} text-anchor="middle">not known</text>
      </g>
    );
  }
  const visible = stack.slice(-rows);
  const hidden = stack.length - visible.length;
  return (
    <g>
      <text x={x + COL_W / 2} y={18} text-anchor="middle" class="yarv-head">{title}</text>
      {visible.length === 0 && <text x={x + COL_W / 2} y={top + height - 8} text-anchor="middle">(empty)</text>}
      {visible.map((label, i) => {
        // Bottom of the stack at the bottom of the drawing, as on a whiteboard.
        const y = top + height - (i + 1) * (CELL_H + 4);
        const isMarked = i >= visible.length - Math.min(marked, visible.length);
        return (
          <g key={i} class={isMarked ? `yarv-cell yarv-${kind}` : 'yarv-cell'}>
            <rect x={x} y={y} width={COL_W} height={CELL_H} rx="3" />
            <text x={x + 8} y={y + 17} class="yarv-value">{label}</text>
          </g>
        );
      })}
      {hidden > 0 && <text x={x + COL_W / 2} y={top + height + 16} text-anchor="middle">+{hidden} below</text>}
    </g>
  );
}

function stackWords(step: StackStep): string {
  const list = (s: string[]) => (s.length ? s.join(', ') : 'nothing');
  if (!step.before) return 'No path from the start reaches this instruction, so its stack is unknown.';
  if (!step.after) return `Before it the stack holds ${list(step.before)}; this figure does not model the instruction, so what follows is unknown.`;
  return `Before it the stack holds ${list(step.before)}; it pops ${list(step.popped)} and pushes ${list(step.pushed)}.`;
}

export default function YarvStack(props: LabOutputProps) {
  const output = useLabOutput(props);
  const iseqs = useComputed(() => parseDisasm(output.value));
  const which = useSignal('0');
  const step = useSignal(startingStep(iseqs.peek()[0]));
  const listing = useRef<HTMLOListElement>(null);

  // A new sequence (or a rerun of the block) starts again where the stack gets interesting.
  useSignalEffect(() => {
    if (Number(which.value) >= iseqs.value.length) which.value = '0';
    step.value = startingStep(iseqs.value[Number(which.value)]);
  });

  const current = useComputed(() => iseqs.value[Number(which.value)] ?? iseqs.value[0]);
  const steps = useComputed(() => (current.value ? simulate(current.value) : []));
  const iseq = current.value;
  const count = iseq?.instructions.length ?? 0;
  const at = Math.min(step.value, Math.max(0, count - 1));
  const ins = iseq?.instructions[at];
  const st = steps.value[at];

  // Keep the selected row in view inside the listing, without scrolling the page.
  useEffect(() => {
    const list = listing.current;
    const row = list?.children[at] as HTMLElement | undefined;
    if (!list || !row) return;
    if (row.offsetTop < list.scrollTop) list.scrollTop = row.offsetTop;
    else if (row.offsetTop + row.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = row.offsetTop + row.offsetHeight - list.clientHeight;
  }, [at, iseq]);

  if (!iseq || !ins || !st) {
    return (
      <LabFigure id="yarv-stack" controls={<Button onClick={() => (output.value = props.labOutput ?? '')}>Show the article’s listing</Button>}>
        <p class="yarv-empty" data-lab-output>
          The block printed no disassembly. Keep a line that prints <code>RubyVM::InstructionSequence.compile(code).disasm</code> and run it again.
        </p>
      </LabFigure>
    );
  }

  const note = explain(ins);
  const depth = Math.max(1, ...steps.value.flatMap((s) => [s.before?.length ?? 0, s.after?.length ?? 0]));
  const rows = Math.min(SHOWN, depth);
  const height = 30 + rows * (CELL_H + 4) + 22;
  const options = iseqs.value.map((q, i) => ({ value: String(i), label: `${q.name} (${KIND[q.kind]})` }));
  const label = `${pc(ins.pc)} ${ins.name}. ${stackWords(st)}`;

  return (
    <LabFigure
      id="yarv-stack"
      controls={
        <>
          {options.length > 1 && <Select label="Sequence" value={which} options={options} />}
          <Button onClick={() => (step.value = at - 1)} disabled={at === 0}>Back</Button>
          <Button onClick={() => (step.value = at + 1)} disabled={at >= count - 1}>Next</Button>
          <Slider label="Instruction" value={step} min={0} max={Math.max(0, count - 1)} format={(v) => `${Math.min(v, count - 1) + 1} of ${count}`} />
        </>
      }
    >
      <ol class="yarv-listing" ref={listing} aria-label={`Instructions of ${iseq.name}`} tabIndex={0} data-lab-output>
        {iseq.instructions.map((x, i) => (
          <li key={i} class={i === at ? 'yarv-row yarv-current' : 'yarv-row'} aria-current={i === at ? 'step' : undefined}>
            <span class="yarv-pc">{pc(x.pc)}</span> <span class="yarv-name">{x.name}</span>
            {x.operands && <span class="yarv-ops"> {x.operands}</span>}
            {x.line !== null && <span class="yarv-line"> line {x.line}</span>}
          </li>
        ))}
      </ol>
      <div class="yarv-detail">
        <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label} data-lab-output class="yarv-stack">
          <Column x={0} title="stack before" stack={st.before} marked={st.popped.length} kind="popped" rows={rows} />
          <Column x={W - COL_W} title="stack after" stack={st.after} marked={st.pushed.length} kind="pushed" rows={rows} />
          <text x={W / 2} y={height / 2 - 6} text-anchor="middle" class="yarv-head">{st.after ? `pops ${st.popped.length}` : ''}</text>
          <text x={W / 2} y={height / 2 + 10} text-anchor="middle" class="yarv-arrow" aria-hidden="true">{st.after ? '→' : ''}</text>
          <text x={W / 2} y={height / 2 + 28} text-anchor="middle" class="yarv-head">{st.after ? `pushes ${st.pushed.length}` : ''}</text>
        </svg>
        <div class="yarv-note" data-lab-output>
          <p>
            <strong class="mono">{pc(ins.pc)} {note.title}</strong> in {iseq.name}
            {ins.line !== null ? `, line ${ins.line} of the snippet` : ''}
          </p>
          <p>{note.does}</p>
          {note.operands.length > 0 && (
            <ul>
              {note.operands.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          )}
          {note.events && <p>TracePoint events here: {note.events}.</p>}
          <p class="yarv-words">{stackWords(st)}</p>
        </div>
      </div>
    </LabFigure>
  );
}
