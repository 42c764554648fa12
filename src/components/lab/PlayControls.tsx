/** Play/Pause, Step and Reset for a `usePlayer` figure; Run to end replaces Play under reduced motion. */
import { Button } from './controls';
import type { Player } from './use-player';

export function PlayControls({ player, onReset, done = false }: { player: Player; onReset: () => void; done?: boolean }) {
  const { playing, reducedMotion } = player;
  return (
    <div class="lab-control lab-play" role="group" aria-label="Playback">
      {reducedMotion.value ? (
        <Button onClick={() => player.runToEnd()} disabled={done}>Run to end</Button>
      ) : (
        <Button onClick={() => (playing.value ? player.pause() : player.play())} disabled={done && !playing.value} pressed={playing.value}>
          {playing.value ? 'Pause' : 'Play'}
        </Button>
      )}
      <Button onClick={player.step} disabled={done}>Step</Button>
      <Button onClick={() => { player.pause(); onReset(); }}>Reset</Button>
    </div>
  );
}
