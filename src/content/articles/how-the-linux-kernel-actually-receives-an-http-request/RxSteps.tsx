/** A step-through of one connection from the NIC to Puma's read(). Every step is a state in
 * RX_STEPS; this component draws whichever one is current. */
import { useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button } from '../../../components/lab/controls';
import { CONTEXTS, RX_STEPS, type Stage } from './receive-steps';
import './rx-steps.css';

interface Box {
  x: number;
  y: number;
  w: number;
  label: string;
  /** Which queue's occupancy the box shows as slots, if any. */
  slots?: 'ring' | 'synq' | 'acceptq' | 'rcvbuf';
}

const H = 44;
const BAND_Y = { hardware: 0, hardirq: 92, softirq: 184, process: 344 } as const;
// Boxes sit 34 below their band's label and rows 24 apart, so the packet pill, drawn just above
// a box, never covers a label or another box.
const BOXES: Record<Stage, Box> = {
  nic: { x: 16, y: 34, w: 104, label: 'NIC' },
  ring: { x: 132, y: 34, w: 212, label: 'RX ring', slots: 'ring' },
  irq: { x: 16, y: 126, w: 328, label: 'IRQ handler: napi_schedule()' },
  napi: { x: 16, y: 218, w: 104, label: 'NAPI poll' },
  ip: { x: 128, y: 218, w: 104, label: 'IP, netfilter' },
  tcp: { x: 240, y: 218, w: 104, label: 'TCP' },
  synq: { x: 16, y: 286, w: 104, label: 'SYN queue', slots: 'synq' },
  acceptq: { x: 128, y: 286, w: 104, label: 'accept queue', slots: 'acceptq' },
  rcvbuf: { x: 240, y: 286, w: 104, label: 'receive buffer', slots: 'rcvbuf' },
  accept: { x: 16, y: 378, w: 160, label: 'accept()' },
  read: { x: 184, y: 378, w: 160, label: 'read() → app' },
};
const HEIGHT = 430;

function Slots({ box, filled }: { box: Box; filled: number }) {
  const n = box.w > 150 ? 8 : 4;
  const size = 12;
  const x0 = box.x + (box.w - (n * (size + 4) - 4)) / 2;
  return (
    <g>
      {Array.from({ length: n }, (_, i) => (
        <rect key={i} x={x0 + i * (size + 4)} y={box.y + 24} width={size} height={size} rx={2} class={i < filled ? 'rx-steps-slot is-full' : 'rx-steps-slot'} />
      ))}
    </g>
  );
}

export default function RxSteps() {
  const index = useSignal(0);
  const step = RX_STEPS[index.value]!;
  const active = BOXES[step.stage];
  const context = CONTEXTS.find((c) => c.id === step.context)!;
  const pillW = step.packet.length * 8 + 16;

  return (
    <LabFigure
      id="rx-steps"
      controls={
        <>
          <Button onClick={() => (index.value = Math.max(0, index.value - 1))} disabled={index.value === 0}>
            Back
          </Button>
          <Button onClick={() => (index.value = Math.min(RX_STEPS.length - 1, index.value + 1))} disabled={index.value === RX_STEPS.length - 1}>
            Next
          </Button>
        </>
      }
    >
      <div class="rx-steps" data-lab-output>
        <svg viewBox={`0 0 360 ${HEIGHT}`} role="img" aria-label={`Step ${index.value + 1} of ${RX_STEPS.length}: ${step.title}. The ${step.packet} is in the ${active.label}, in ${context.label} context.`}>
          {CONTEXTS.map((c) => (
            <g key={c.id} class={c.id === step.context ? 'rx-steps-band is-current' : 'rx-steps-band'}>
              <text x={16} y={BAND_Y[c.id] + 14}>
                {c.label}
              </text>
            </g>
          ))}
          {(Object.keys(BOXES) as Stage[]).map((id) => {
            const box = BOXES[id];
            return (
              <g key={id}>
                <rect x={box.x} y={box.y} width={box.w} height={H} rx={6} class={id === step.stage ? 'rx-steps-box is-active' : 'rx-steps-box'} />
                <text x={box.x + 8} y={box.y + 17} class="rx-steps-label">
                  {box.label}
                </text>
                {box.slots && <Slots box={box} filled={step.queues[box.slots]} />}
              </g>
            );
          })}
          <g class="rx-steps-packet" style={{ transform: `translate(${active.x + active.w - pillW}px, ${active.y - 20}px)` }}>
            <rect width={pillW} height={20} rx={10} />
            <text x={pillW / 2} y={14} text-anchor="middle">
              {step.packet}
            </text>
          </g>
        </svg>
        <div class="rx-steps-text" aria-live="polite">
          <p class="rx-steps-title">
            <span class="rx-steps-count">
              {index.value + 1}/{RX_STEPS.length}
            </span>{' '}
            <strong>{step.title}</strong> <span class="rx-steps-context">({context.label})</span>
          </p>
          <p>{step.text}</p>
          <p class="rx-steps-see">
            See it: <code>{step.see}</code>
          </p>
        </div>
      </div>
    </LabFigure>
  );
}
