/**
 * The root of every explorable figure: carries the lab DOM contract (`data-lab="figure"`, a stable id,
 * `data-lab-ready` once hydrated) so tests and tools find figures the same way everywhere. Render it
 * inside the MDX `<Figure>` for the number and caption; the first state is what Astro renders at build.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './lab.css';

interface Props {
  /** Stable id, unique in the article: `retry-chart`. Tests address the figure by it. */
  id: string;
  /** The controls row (sliders, selects, play controls). */
  controls?: ComponentChildren;
  /** The drawing and readouts; wrap what changes in an element with `data-lab-output`. */
  children: ComponentChildren;
}

export function LabFigure({ id, controls, children }: Props) {
  const root = useRef<HTMLDivElement>(null);
  // Runs only in the browser, after hydration: the signal the tests wait for.
  useEffect(() => root.current?.setAttribute('data-lab-ready', ''), []);
  return (
    <div class="lab-figure" data-lab="figure" id={id} ref={root}>
      {children}
      {controls && <div class="lab-controls">{controls}</div>}
    </div>
  );
}
