/**
 * The same faulty pipeline under three guarantees, side by side: how many messages took effect once,
 * more than once, or never. The reader sets the faults; the model runs once per change.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button, Slider, Toggle } from '../../../components/lab/controls';
import { compareGuarantees, GUARANTEES, type PipelineResult } from './delivery';
import './delivery-guarantees.css';

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (v: number) => `${Math.round(v * 100)}%`;
const BAR = 600;

export default function DeliveryGuarantees() {
  const loss = useSignal(0.05);
  const duplicate = useSignal(0.02);
  const crash = useSignal(0.02);
  const messages = useSignal(10_000);
  const idempotentProducer = useSignal(false);
  const seed = useSignal(1);

  const results = useComputed(() =>
    compareGuarantees({
      loss: loss.value,
      duplicate: duplicate.value,
      crash: crash.value,
      messages: messages.value,
      idempotentProducer: idempotentProducer.value,
      seed: seed.value,
    }),
  );

  const [, retrying] = results.value;
  return (
    <LabFigure
      id="delivery-guarantees"
      controls={
        <>
          <Slider label="Lost on the wire" value={loss} min={0} max={0.3} step={0.01} format={pct} />
          <Slider label="Delivered again" value={duplicate} min={0} max={0.3} step={0.01} format={pct} />
          <Slider label="Consumer crash" value={crash} min={0} max={0.2} step={0.01} format={pct} />
          <Slider label="Messages" value={messages} min={1_000} max={20_000} step={1_000} format={fmt} />
          <Toggle label="Broker drops resent copies (idempotent producer)" value={idempotentProducer} />
          <Button onClick={() => (seed.value += 1)}>New run</Button>
        </>
      }
    >
      <div class="delivery" data-lab-output>
        <svg class="delivery-defs" width="0" height="0" aria-hidden="true">
          <defs>
            <pattern id="delivery-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" class="delivery-stripes-bg" />
              <rect width="3" height="6" class="delivery-stripes-fg" />
            </pattern>
          </defs>
        </svg>
        <p class="delivery-key" aria-hidden="true">
          <Swatch kind="once" /> exactly once <Swatch kind="dup" /> twice or more <Swatch kind="lost" /> never
        </p>
        <ul class="delivery-rows">
          {results.value.map((r, i) => (
            <Row key={r.guarantee} result={r} label={GUARANTEES[i]!.label} how={GUARANTEES[i]!.how} />
          ))}
        </ul>
        {retrying && (
          <p class="delivery-wire" aria-live="polite">
            What the retrying rows went through: {fmt(retrying.sends)} sends for {fmt(retrying.messages)} messages,{' '}
            {fmt(retrying.requestsLost)} requests and {fmt(retrying.acksLost)} acks lost, <strong>{fmt(retrying.logEntries)}</strong> copies in
            the log; <strong>{fmt(retrying.deliveries)}</strong> deliveries to the consumer, {fmt(retrying.redeliveries)} of them handed out
            again by the broker and {fmt(retrying.crashes)} repeated after a crash.
          </p>
        )}
      </div>
    </LabFigure>
  );
}

function Swatch({ kind }: { kind: 'once' | 'dup' | 'lost' }) {
  return (
    <svg viewBox="0 0 20 14" class="delivery-swatch">
      <rect x={1} y={1} width={18} height={12} class={`delivery-bar-${kind}`} />
    </svg>
  );
}

function Row({ result: r, label, how }: { result: PipelineResult; label: string; how: string }) {
  const w = (n: number) => (BAR * n) / r.messages;
  const extra = r.effects - (r.messages - r.lost);
  return (
    <li class="delivery-row">
      <div class="delivery-head">
        <span>
          <span class="delivery-name">{label}</span> <span class="delivery-how">{how}</span>
        </span>
        <span class="delivery-counts mono">
          <span class="delivery-once">{fmt(r.once)} once</span> · <span class="delivery-dup">{fmt(r.duplicated)} twice or more</span> ·{' '}
          <span class="delivery-lost">{fmt(r.lost)} never</span>
        </span>
      </div>
      <svg
        class="delivery-bar"
        viewBox={`0 0 ${BAR} 20`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label}: of ${fmt(r.messages)} messages, ${fmt(r.once)} took effect exactly once, ${fmt(r.duplicated)} more than once (${fmt(extra)} extra effects), ${fmt(r.lost)} never.`}
      >
        <rect x={0} y={1} width={w(r.once)} height={18} class="delivery-bar-once" />
        <rect x={w(r.once)} y={1} width={w(r.duplicated)} height={18} class="delivery-bar-dup" />
        <rect x={w(r.once + r.duplicated) + 1} y={2} width={Math.max(0, w(r.lost) - 2)} height={16} class="delivery-bar-lost" />
      </svg>
    </li>
  );
}
