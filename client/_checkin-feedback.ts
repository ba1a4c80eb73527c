// What the door phone does besides the page: its own short name, and a beep and a buzz per answer.

export type Tone = 'green' | 'amber' | 'red' | 'idle';

/** A short, stable name for this phone, shown as "checked in on …" in the log. */
export function deviceName(): string {
  const key = 'aula-checkin-device';
  let name = localStorage.getItem(key);
  if (!name) {
    name = `HP-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    localStorage.setItem(key, name);
  }
  return name;
}

let audio: AudioContext | null = null;
/** A beep and a buzz, so staff hear the answer without looking at the screen in a noisy hall. */
export function feedback(tone: Tone) {
  try {
    navigator.vibrate?.(tone === 'green' ? 80 : [80, 60, 80]);
    audio ??= new AudioContext();
    const o = audio.createOscillator();
    const g = audio.createGain();
    o.frequency.value = tone === 'green' ? 880 : tone === 'amber' ? 520 : 220;
    g.gain.value = 0.08;
    o.connect(g).connect(audio.destination);
    o.start();
    o.stop(audio.currentTime + (tone === 'green' ? 0.12 : 0.3));
  } catch {
    // No sound on this device.
  }
}
