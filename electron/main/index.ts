import path from 'node:path';
import * as electron from 'electron';
import { startHallApp } from './app';

// The bundle lives in out/main; its siblings are out/preload and out/renderer.
startHallApp(electron, path.resolve(__dirname, '..'));
