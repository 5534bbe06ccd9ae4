/**
 * How the hall's screens announce a call: always a chime (a WebAudio tone, so no sound file and
 * no installed voice is needed), then the call spoken by the system's Chinese voice where one
 * exists. Browsers start an AudioContext suspended until the page is touched; the screens offer
 * a tap to turn sound on (soundBlocked), and the desktop's display window needs none.
 */

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window.AudioContext !== 'function') return null;
  context ??= new window.AudioContext();
  return context;
}

/** True while the browser holds the sound back until someone touches the screen. */
export function soundBlocked(): boolean {
  return audio()?.state === 'suspended';
}

/** Lets sound play from now on (called from a tap on the screen). */
export function unblockSound(): Promise<void> {
  return audio()?.resume() ?? Promise.resolve();
}

/** A two-tone chime (叮咚), about 0.9 s; resolves when it has sounded. */
export function chime(): Promise<void> {
  const ctx = audio();
  if (!ctx) return Promise.resolve();
  const start = ctx.currentTime + 0.05;
  for (const [i, frequency] of [659.25, 523.25].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const t = start + i * 0.4;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.6, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.5);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.55);
  }
  return new Promise((resolve) => setTimeout(resolve, 950));
}

/** The system's Chinese voice, or undefined (then the chime alone announces). */
function chineseVoice(): SpeechSynthesisVoice | undefined {
  const synth = window.speechSynthesis as SpeechSynthesis | undefined;
  return synth?.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith('zh'));
}

/** "请 B 0 0 3 号，到第一接待室": digits one by one, as a caller says them. */
export function callText(code: string, room: string | null): string {
  return `请 ${code.split('').join(' ')} 号，到${room ?? '接待室'}`;
}

/** Chime, then speak the call where a Chinese voice exists. */
export async function announce(code: string, room: string | null): Promise<void> {
  await chime();
  const voice = chineseVoice();
  if (!voice) return;
  const u = new SpeechSynthesisUtterance(callText(code, room));
  u.voice = voice;
  u.lang = voice.lang;
  window.speechSynthesis.speak(u);
}
