/**
 * For a figure drawn from a runnable block's output. In the MDX the figure names the block
 * (`<ChainFigure client:visible lab="chain" />`, the block's fence has `id=chain`); the build passes
 * that block's stdout as the `labOutput` prop, so the first frame is drawn from real output. In the
 * browser, each later run of the block (`lab:output` events from src/labs/client/runtime.ts)
 * replaces it, and Reset on the block brings the build's output back.
 */
import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

export interface LabOutputProps {
  /** The id of the block the figure is drawn from. */
  lab: string;
  /** Set by the build (remark-runnable): the block's stdout as the build printed it. */
  labOutput?: string;
}

interface LabOutputDetail {
  id: string;
  text?: string;
  failed?: string;
  reset?: boolean;
}

/** The block's current stdout: the build's until the reader runs the block. */
export function useLabOutput({ lab, labOutput = '' }: LabOutputProps): Signal<string> {
  const text = useSignal(labOutput);
  useEffect(() => {
    const listen = (event: Event) => {
      const detail = (event as CustomEvent<LabOutputDetail>).detail;
      if (detail.id !== lab) return;
      if (detail.reset) text.value = labOutput;
      else if (!detail.failed && detail.text !== undefined) text.value = detail.text;
    };
    document.addEventListener('lab:output', listen);
    return () => document.removeEventListener('lab:output', listen);
  }, [lab, labOutput]);
  return text;
}
