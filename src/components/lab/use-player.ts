/**
 * Play, pause and step for figures that evolve over time. `advance` moves the model one step and
 * returns false when there is nothing left to do. While playing it runs `stepsPerFrame` steps per
 * animation frame. Under `prefers-reduced-motion` nothing animates: `reducedMotion` is true and the
 * figure offers Step and Run to end instead of Play.
 */
import { useSignal, type Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';

export interface Player {
  playing: Signal<boolean>;
  reducedMotion: Signal<boolean>;
  play: () => void;
  pause: () => void;
  step: () => void;
  /** Advance until `advance` returns false, or `limit` steps. */
  runToEnd: (limit?: number) => void;
}

export function usePlayer(advance: () => boolean, stepsPerFrame = 1): Player {
  const playing = useSignal(false);
  const reducedMotion = useSignal(false);
  const advanceRef = useRef(advance);
  advanceRef.current = advance;

  useEffect(() => {
    const query = matchMedia('(prefers-reduced-motion: reduce)');
    const update = () => {
      reducedMotion.value = query.matches;
      if (query.matches) playing.value = false;
    };
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);

  useEffect(() => {
    if (!playing.value) return;
    let frame = 0;
    const tick = () => {
      for (let i = 0; i < stepsPerFrame; i++) {
        if (!advanceRef.current()) {
          playing.value = false;
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing.value, stepsPerFrame]);

  return {
    playing,
    reducedMotion,
    play: () => {
      if (!reducedMotion.value) playing.value = true;
    },
    pause: () => (playing.value = false),
    step: () => {
      playing.value = false;
      advanceRef.current();
    },
    runToEnd: (limit = 1_000_000) => {
      playing.value = false;
      for (let i = 0; i < limit && advanceRef.current(); i++);
    },
  };
}
