/**
 * The controls figures share: every one a real, labelled form control marked `data-lab-control`,
 * bound to a Preact signal. One idiom for state across islands: the figure owns signals, controls
 * write them, the drawing reads them.
 */
import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface SliderProps {
  label: string;
  value: Signal<number>;
  min: number;
  max: number;
  step?: number;
  /** How the current value is printed beside the slider (units, %, ×). */
  format?: (v: number) => string;
}

export function Slider({ label, value, min, max, step = 1, format = String }: SliderProps) {
  const id = useId();
  return (
    <div class="lab-control">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="range"
        data-lab-control
        min={min}
        max={max}
        step={step}
        value={value.value}
        aria-valuetext={format(value.value)}
        onInput={(e) => (value.value = Number(e.currentTarget.value))}
      />
      <output for={id} class="mono">{format(value.value)}</output>
    </div>
  );
}

interface SelectProps<T extends string> {
  label: string;
  value: Signal<T>;
  options: readonly { value: T; label: string }[];
}

export function Select<T extends string>({ label, value, options }: SelectProps<T>) {
  const id = useId();
  return (
    <div class="lab-control">
      <label for={id}>{label}</label>
      <select id={id} data-lab-control value={value.value} onChange={(e) => (value.value = e.currentTarget.value as T)}>
        {options.map((o) => (
          <option value={o.value} key={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

export function Toggle({ label, value }: { label: string; value: Signal<boolean> }) {
  const id = useId();
  return (
    <div class="lab-control lab-toggle">
      <input id={id} type="checkbox" data-lab-control checked={value.value} onChange={(e) => (value.value = e.currentTarget.checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}

interface ButtonProps {
  onClick: () => void;
  children: ComponentChildren;
  disabled?: boolean;
  pressed?: boolean;
  /** Accessible name when the visible text is a symbol. */
  label?: string;
}

export function Button({ onClick, children, disabled, pressed, label }: ButtonProps) {
  return (
    <button type="button" class="lab-button" data-lab-control onClick={onClick} disabled={disabled} aria-pressed={pressed} aria-label={label}>
      {children}
    </button>
  );
}
