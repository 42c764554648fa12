/**
 * The charge request as a sequence diagram: client, network, server and keys table as lanes, one row
 * per event. The reader drops the first response or not, sends a key or not, and steps through; the
 * whole story is drawn from the start (upcoming events dotted), so the page reads without scripts.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { PlayControls } from '../../../components/lab/PlayControls';
import { Toggle } from '../../../components/lab/controls';
import { useChartWidth } from '../../../components/lab/use-chart-width';
import { usePlayer } from '../../../components/lab/use-player';
import { buildTimeline, DEFAULT_SCENARIO, describe, LANES, type Lane } from './retry-timeline';
import './retry-timeline.css';

const TOP = 44;
const ROW = 30;
/** Milliseconds between events while playing. */
const PACE = 700;

const LAYOUTS = {
  wide: { width: 640, gap: 84, first: 40, names: { client: 'client', network: 'network', server: 'server', keys: 'keys table' } },
  narrow: { width: 400, gap: 46, first: 22, names: { client: 'client', network: 'net', server: 'server', keys: 'keys' } },
};

export default function RetryTimeline() {
  const dropResponse = useSignal(DEFAULT_SCENARIO.dropResponse);
  const useKey = useSignal(DEFAULT_SCENARIO.useKey);
  const shown = useSignal(0);
  // Under 480 px (a phone) the timeline gets its narrow layout, so its text keeps its size.
  const { ref: box, width } = useChartWidth<HTMLDivElement>();

  const timeline = useComputed(() => buildTimeline({ dropResponse: dropResponse.value, useKey: useKey.value }));
  const count = timeline.value.events.length;
  const at = Math.min(shown.value, count);

  const last = useRef(0);
  const advance = () => {
    const now = performance.now();
    // At the end, Step and Play start the story over instead of going dead (and losing focus).
    if (shown.peek() >= timeline.peek().events.length) {
      shown.value = 0;
      last.current = now;
      return true;
    }
    // While playing, advance is called every frame; hold each event on screen for a moment.
    if (player.playing.peek() && now - last.current < PACE) return true;
    last.current = now;
    shown.value = Math.min(shown.peek(), timeline.peek().events.length) + 1;
    return shown.value < timeline.peek().events.length;
  };
  const player = usePlayer(advance);
  const reset = () => {
    shown.value = 0;
    dropResponse.value = DEFAULT_SCENARIO.dropResponse;
    useKey.value = DEFAULT_SCENARIO.useKey;
  };

  const layout = width.value < 480 ? LAYOUTS.narrow : LAYOUTS.wide;
  const x = (lane: Lane) => layout.first + LANES.indexOf(lane) * layout.gap;
  const labelX = x('keys') + 24;
  const height = TOP + count * ROW + 8;
  const sentence = describe(timeline.value, at);
  const ending = describe(timeline.value, count);

  const controls = (
    <>
      <Toggle label="Network drops the first response" value={dropResponse} />
      <Toggle label="Client sends an Idempotency-Key" value={useKey} />
      <PlayControls player={player} onReset={reset} />
    </>
  );

  return (
    <LabFigure id="retry-timeline" controls={controls}>
      <div ref={box} data-lab-output>
        <svg viewBox={`0 0 ${layout.width} ${height}`} role="img" aria-label={`${sentence} ${at < count ? `Where it ends: ${ending}` : ''}`.trim()}>
          {LANES.map((lane) => (
            <g key={lane}>
              <text class="retry-timeline-head" x={x(lane)} y={18} text-anchor="middle">{layout.names[lane]}</text>
              <line class="retry-timeline-lane" x1={x(lane)} x2={x(lane)} y1={28} y2={height - 4} />
            </g>
          ))}
          {timeline.value.events.map((e, i) => {
            const y = TOP + i * ROW + ROW / 2;
            const state = i < at ? 'past' : 'future';
            const x1 = x(e.from);
            const lost = e.to === 'network';
            const x2 = e.to ? x(e.to) : x1;
            const dir = Math.sign(x2 - x1);
            return (
              <g key={i} class={`retry-timeline-${state}${e.bad ? ' retry-timeline-bad' : ''}${i === at - 1 ? ' retry-timeline-current' : ''}`}>
                {i === at - 1 && <rect x={0} y={y - ROW / 2 + 2} width={layout.width} height={ROW - 4} rx={4} />}
                {e.to ? (
                  <>
                    <path class="retry-timeline-msg" d={`M ${x1} ${y} L ${x2} ${y}`} />
                    {lost ? (
                      <path class="retry-timeline-msg" d={`M ${x2 - 5} ${y - 5} L ${x2 + 5} ${y + 5} M ${x2 - 5} ${y + 5} L ${x2 + 5} ${y - 5}`} />
                    ) : (
                      <path class="retry-timeline-msg" d={`M ${x2 - 7 * dir} ${y - 4} L ${x2} ${y} L ${x2 - 7 * dir} ${y + 4}`} />
                    )}
                  </>
                ) : (
                  <circle class="retry-timeline-dot" cx={x1} cy={y} r={5} />
                )}
                <text x={labelX} y={y + 4}>{`${i + 1}. ${e.label}`}</text>
              </g>
            );
          })}
        </svg>
        <p class="lab-readout" aria-live="polite">
          <span>{sentence}</span>
          <span>Charges on the card: <strong>{at === 0 ? 0 : timeline.value.events[at - 1]?.charges}</strong></span>
          {at < count && <span>Where it ends: {ending}</span>}
        </p>
      </div>
    </LabFigure>
  );
}
