/**
 * The width a chart should lay itself out in: the element's real width in CSS pixels, clamped, so
 * that SVG text drawn at 12 units stays 12 pixels on a phone instead of shrinking with the viewBox.
 * The build renders at `max`; the browser measures after hydration and on every resize.
 *
 * `ref` is a callback ref, so the element it measures may come and go with what the figure draws
 * (a chart replaced by an empty state and back) and is observed whenever it is in the page.
 */
import { useSignal } from '@preact/signals';
import { useCallback, useRef } from 'preact/hooks';

export function useChartWidth<E extends Element = SVGSVGElement>(max = 640, min = 300) {
  const width = useSignal(max);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: E | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(([entry]) => {
      // Not laid out (width 0): there is nothing to fit, so the last width stands.
      if (!entry || entry.contentRect.width === 0) return;
      // Steps of 10 px: a scrollbar appearing should not re-lay the chart out.
      const w = Math.round(Math.max(min, Math.min(max, entry.contentRect.width)) / 10) * 10;
      if (w !== width.value) width.value = w;
    });
    observer.current.observe(el);
  }, []);
  return { ref, width };
}
