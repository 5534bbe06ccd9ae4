import type { ThemeConfig } from 'antd';
import THEME from './theme.json';

/**
 * The one antd theme of the app, kept as data (theme.json) because the build reads it too: it
 * renders the first screen's styles with it in Node (build/scripts/antd-style.mts). `hashed:
 * false` (unhashed class names) lets those styles serve both motion settings: motion lives in CSS
 * variables written at run time, while a hash of the theme would differ between the two. `motion`
 * is off for staff who turn animations off in the system.
 */
export function hallTheme(motion: boolean): ThemeConfig {
  return { ...THEME.theme, token: { ...THEME.theme.token, motion } };
}

/** Buttons keep their text as written (antd would put a space between two Chinese characters). */
export const BUTTON_CONFIG = THEME.button;
