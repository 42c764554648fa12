/**
 * The width a chart should lay itself out in: the element's real width in CSS pixels, clamped, so
 * that SVG text drawn at 12 units stays 12 pixels on a phone instead of shrinking with the viewBox.
 * The build renders at `max`; the browser measures after hydration and on every resize.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';

export function useChartWidth(max = 640, min = 300) {
  const ref = useRef<SVGSVGElement>(null);
  const width = useSignal(max);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      // Steps of 10 px: a scrollbar appearing should not re-lay the chart out.
      const w = Math.round(Math.max(min, Math.min(max, entry.contentRect.width)) / 10) * 10;
      if (w !== width.value) width.value = w;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
